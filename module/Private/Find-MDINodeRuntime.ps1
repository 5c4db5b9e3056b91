# Computed once at load: $PSScriptRoot is module/Private, the module's own folder is its parent.
$script:MDIModuleRoot = Split-Path -Path $PSScriptRoot -Parent
# 22.15 is the first 22.x with tls.getCACertificates, which the engine uses to read the machine's roots.
$script:MDIMinimumNodeVersion = [version]'22.15.0'
# The session's choice: searching costs PATH look-ups and a process start, and every command needs it.
$script:MDINodeRuntimeChoice = $null

function Find-MDINodeRuntime {
    <#
    .SYNOPSIS
    Finds a Node.js 22.15+ executable and the engine bundle, or returns an MDI_NODE_NOT_FOUND / MDI_ENGINE_NOT_FOUND ErrorRecord.
    .DESCRIPTION
    Order: the runtime shipped in the module (runtime/<os>-<arch>/node.exe or node), then $env:MDI_NODE
    (an explicit admin choice), then node on PATH. The choice is kept for the session and checked again
    only when $env:MDI_NODE changes or the chosen file disappears. The error lists every place looked at,
    because the admin reading it on a domain controller has no other way to see why none was accepted.
    The error is returned, not thrown: a throw would add a record to the user's -ErrorVariable at every
    level it passes, and the public command writes the one record the user sees.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject], [System.Management.Automation.ErrorRecord])]
    param()

    $root = $script:MDIModuleRoot
    $platform = Get-MDIPlatform
    $platformName = '{0}-{1}' -f $platform.Os, $platform.Arch
    $nodeName = 'node'
    if ($platform.Os -eq 'win') { $nodeName = 'node.exe' }
    # Quotes are a common slip when the variable is set from cmd.exe ("C:\Program Files\...").
    $envNode = ([string]$env:MDI_NODE).Trim().Trim('"')
    $engine = [System.IO.Path]::Combine($root, 'engine', 'mdi-connectivity.mjs')

    $cached = $script:MDINodeRuntimeChoice
    if ($null -ne $cached -and $cached.EnvNode -eq $envNode -and $cached.Platform -eq $platformName -and
        [System.IO.File]::Exists($cached.Runtime.NodePath) -and [System.IO.File]::Exists($engine)) {
        return $cached.Runtime
    }

    $bundled = [System.IO.Path]::Combine($root, 'runtime', $platformName, $nodeName)
    $looked = New-Object -TypeName System.Collections.Generic.List[string]
    $seen = @{}
    # One candidate: $null when it is missing, already tried, or unusable (the reason goes to $looked).
    $accept = {
        param([string] $Source, [string] $Path)
        if (-not [System.IO.File]::Exists($Path)) {
            $looked.Add(('{0}: {1} (does not exist)' -f $Source, $Path))
            return $null
        }
        # /bin/node and /usr/bin/node are one file when /bin links to /usr/bin: try and report it once.
        $identity = Get-MDIFileIdentity -Path $Path
        if ($seen.ContainsKey($identity)) { return $null }
        $seen[$identity] = $true
        if ($Source -eq 'module runtime') { Enable-MDIRuntimeExecution -Path $Path }
        $found = Get-MDINodeVersion -Path $Path
        if ($null -eq $found.Version) {
            $looked.Add(('{0}: {1} (not usable: {2})' -f $Source, $Path, $found.Text))
            return $null
        }
        if ($found.Version -lt $script:MDIMinimumNodeVersion) {
            $looked.Add(('{0}: {1} is {2}, too old (need v{3} or later)' -f $Source, $Path, $found.Text, $script:MDIMinimumNodeVersion))
            return $null
        }
        [pscustomobject]@{ Path = $Path; Version = $found.Version; Source = $Source }
    }

    # Each source is looked at only when the ones before it gave nothing: searching PATH is the slow part.
    $chosen = & $accept 'module runtime' $bundled
    if ($null -eq $chosen) {
        if ([string]::IsNullOrEmpty($envNode)) { $looked.Add('$env:MDI_NODE: not set') }
        elseif ([System.IO.Directory]::Exists($envNode)) {
            # Admins often point at the install folder rather than the executable; accept both.
            $chosen = & $accept '$env:MDI_NODE' ([System.IO.Path]::Combine($envNode, $nodeName))
        }
        else { $chosen = & $accept '$env:MDI_NODE' $envNode }
    }
    if ($null -eq $chosen) {
        # Ignore, not SilentlyContinue: "not found" would still land in the user's $Error beside the one MDI_* record.
        $onPath = @(Get-Command -Name 'node' -CommandType Application -All -ErrorAction Ignore |
            Where-Object { @('', '.exe') -contains [System.IO.Path]::GetExtension($_.Path).ToLowerInvariant() } |
            Select-Object -ExpandProperty Path -Unique)
        if ($onPath.Count -eq 0) { $looked.Add('node on PATH: none found') }
        foreach ($path in $onPath) {
            $chosen = & $accept 'PATH' $path
            if ($null -ne $chosen) { break }
        }
    }

    if ($null -eq $chosen) {
        $executable = 'the node executable'
        if ($platform.Os -eq 'win') { $executable = 'node.exe' }
        $message = @(
            "Node.js $($script:MDIMinimumNodeVersion) or later is needed to run the MDIConnectivity engine, and none was found."
            'Looked for:'
            @($looked | ForEach-Object { '  ' + $_ })
            ("Fix: install the MDIConnectivity package built for {0} (it carries {1}), or install Node.js {2} or later, or set `$env:MDI_NODE to the full path of {3}." -f $platformName, $bundled, $script:MDIMinimumNodeVersion, $executable)
        ) -join [Environment]::NewLine
        return (New-MDIErrorRecord -ErrorId 'MDI_NODE_NOT_FOUND' -Category ObjectNotFound -Message $message)
    }
    if (-not [string]::IsNullOrEmpty($envNode) -and $chosen.Source -eq 'PATH') {
        Write-Warning ("`$env:MDI_NODE is set to '{0}' but is not usable; using {1} from PATH instead." -f $envNode, $chosen.Path)
    }
    if (-not [System.IO.File]::Exists($engine)) {
        $message = "The engine bundle $engine is missing: this copy of the module was not built. Run ./build.ps1 from the repository root (it runs npm ci and npm run build), or install a released copy of the module."
        return (New-MDIErrorRecord -ErrorId 'MDI_ENGINE_NOT_FOUND' -Category ObjectNotFound -Message $message -TargetObject $engine)
    }

    Write-Verbose ('Using Node.js v{0} at {1} ({2}); engine {3}' -f $chosen.Version, $chosen.Path, $chosen.Source, $engine)
    $runtime = [pscustomobject]@{ NodePath = $chosen.Path; NodeVersion = $chosen.Version; EnginePath = $engine; Source = $chosen.Source }
    $script:MDINodeRuntimeChoice = [pscustomobject]@{ EnvNode = $envNode; Platform = $platformName; Runtime = $runtime }
    $runtime
}
