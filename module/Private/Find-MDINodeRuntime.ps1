# Computed once at load: $PSScriptRoot is module/Private, the module's own folder is its parent.
$script:MDIModuleRoot = Split-Path -Path $PSScriptRoot -Parent
# 22.15 is the first 22.x with tls.getCACertificates, which the engine uses to read the machine's roots.
$script:MDIMinimumNodeVersion = [version]'22.15.0'

function Find-MDINodeRuntime {
    <#
    .SYNOPSIS
    Finds a Node.js 22.15+ executable and the engine bundle, or throws MDI_NODE_NOT_FOUND / MDI_ENGINE_NOT_FOUND.
    .DESCRIPTION
    Order: a runtime shipped next to the module (air-gapped DCs copy it there), then $env:MDI_NODE
    (an explicit admin choice), then node on PATH. The error lists every place looked at, because
    the admin reading it on a domain controller has no other way to see why none was accepted.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $root = $script:MDIModuleRoot
    $runtime = Join-Path -Path $root -ChildPath 'runtime'
    $candidates = New-Object -TypeName System.Collections.Generic.List[object]
    foreach ($relative in @('node.exe', 'node', 'bin/node')) {
        $candidates.Add([pscustomobject]@{ Source = 'module runtime'; Path = [System.IO.Path]::Combine($runtime, $relative) })
    }

    $looked = New-Object -TypeName System.Collections.Generic.List[string]
    # Quotes are a common slip when the variable is set from cmd.exe ("C:\Program Files\...").
    $envNode = ([string]$env:MDI_NODE).Trim().Trim('"')
    if ([string]::IsNullOrEmpty($envNode)) {
        $looked.Add('$env:MDI_NODE: not set')
    }
    elseif (Test-Path -LiteralPath $envNode -PathType Container) {
        # Admins often point at the install folder rather than the executable; accept both.
        foreach ($name in @('node.exe', 'node')) {
            $candidates.Add([pscustomobject]@{ Source = '$env:MDI_NODE'; Path = [System.IO.Path]::Combine($envNode, $name) })
        }
    }
    else {
        $candidates.Add([pscustomobject]@{ Source = '$env:MDI_NODE'; Path = $envNode })
    }

    $onPath = @(Get-Command -Name 'node' -CommandType Application -All -ErrorAction SilentlyContinue |
        Where-Object { @('', '.exe') -contains [System.IO.Path]::GetExtension($_.Path).ToLowerInvariant() } |
        Select-Object -ExpandProperty Path -Unique)
    if ($onPath.Count -eq 0) { $looked.Add('node on PATH: none found') }
    foreach ($path in $onPath) { $candidates.Add([pscustomobject]@{ Source = 'PATH'; Path = $path }) }

    $chosen = $null
    foreach ($candidate in $candidates) {
        if (-not (Test-Path -LiteralPath $candidate.Path -PathType Leaf)) {
            $looked.Add(('{0}: {1} (does not exist)' -f $candidate.Source, $candidate.Path))
            continue
        }
        $found = Get-MDINodeVersion -Path $candidate.Path
        if ($null -eq $found.Version) {
            $looked.Add(('{0}: {1} (not usable: {2})' -f $candidate.Source, $candidate.Path, $found.Text))
        }
        elseif ($found.Version -lt $script:MDIMinimumNodeVersion) {
            $looked.Add(('{0}: {1} is {2}, too old (need v{3} or later)' -f $candidate.Source, $candidate.Path, $found.Text, $script:MDIMinimumNodeVersion))
        }
        else {
            $chosen = [pscustomobject]@{ Path = $candidate.Path; Version = $found.Version; Source = $candidate.Source }
            break
        }
    }

    if ($null -eq $chosen) {
        $message = @(
            "Node.js $($script:MDIMinimumNodeVersion) or later is needed to run the MDIConnectivity engine, and none was found."
            'Looked for:'
            @($looked | ForEach-Object { '  ' + $_ })
            "Fix: install Node.js $($script:MDIMinimumNodeVersion) or later, or set `$env:MDI_NODE to the full path of node.exe, or copy node.exe into $runtime."
        ) -join [Environment]::NewLine
        throw (New-MDIErrorRecord -ErrorId 'MDI_NODE_NOT_FOUND' -Category ObjectNotFound -Message $message)
    }
    if (-not [string]::IsNullOrEmpty($envNode) -and $chosen.Source -eq 'PATH') {
        Write-Warning ("`$env:MDI_NODE is set to '{0}' but is not usable; using {1} from PATH instead." -f $envNode, $chosen.Path)
    }

    $engine = [System.IO.Path]::Combine($root, 'engine', 'mdi-connectivity.mjs')
    if (-not (Test-Path -LiteralPath $engine -PathType Leaf)) {
        $message = "The engine bundle $engine is missing: this copy of the module was not built. Run ./build.ps1 from the repository root (it runs npm ci and npm run build), or install a released copy of the module."
        throw (New-MDIErrorRecord -ErrorId 'MDI_ENGINE_NOT_FOUND' -Category ObjectNotFound -Message $message -TargetObject $engine)
    }

    Write-Verbose ('Using Node.js v{0} at {1} ({2}); engine {3}' -f $chosen.Version, $chosen.Path, $chosen.Source, $engine)
    [pscustomobject]@{ NodePath = $chosen.Path; NodeVersion = $chosen.Version; EnginePath = $engine }
}
