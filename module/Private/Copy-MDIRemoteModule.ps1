function Copy-MDIRemoteModule {
    <#
    .SYNOPSIS
    Makes the module usable on a remote host: the one installed there, else a temporary copy of this one (with a runtime when needed).
    .DESCRIPTION
    Returns [pscustomobject]@{ Manifest; TempFolder; Copied; Failure }. An installed MDIConnectivity of this
    version or later (-Probe, from Get-MDIRemoteModuleState) is used as it is (Manifest = its path). Otherwise the manifest and module/ folder of
    the module loaded here (the staged release) go into a new folder under the host's temp path. When
    that copy finds no Node.js 22.15+ there (its own Find-MDINodeRuntime decides), this machine's runtime
    follows, compressed, if both run the same OS and architecture; otherwise Failure is HostRuntimeMissing.
    Nothing is installed: the caller removes TempFolder when the run ends.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.Runspaces.PSSession] $Session,

        [Parameter(Mandatory = $true)]
        [string] $ComputerName,

        # What Get-MDIRemoteModuleState found on the host.
        [Parameter(Mandatory = $true)]
        [psobject] $Probe
    )

    $local = $ExecutionContext.SessionState.Module
    if ($Probe.Manifest) { return [pscustomobject]@{ Manifest = $Probe.Manifest; TempFolder = $null; Copied = $false; Failure = $null } }

    $moduleRoot = Split-Path -Path $local.Path -Parent
    $manifestFile = Join-Path -Path $moduleRoot -ChildPath 'MDIConnectivity.psd1'
    if (-not (Test-Path -LiteralPath $manifestFile)) { $manifestFile = Join-Path -Path (Split-Path -Path $moduleRoot -Parent) -ChildPath 'MDIConnectivity.psd1' }
    $stageRoot = Split-Path -Path $manifestFile -Parent
    $tempPath = $Probe.TempPath
    # One new folder per run (a GUID name): nothing of the host's is replaced, and the whole folder goes at the end.
    $layout = Invoke-Command -Session $Session -ErrorAction Stop -ScriptBlock {
        $destination = [System.IO.Path]::Combine($using:tempPath, ('MDIConnectivity-' + [guid]::NewGuid().ToString('N')), 'MDIConnectivity')
        $module = New-Item -ItemType Directory -Path ([System.IO.Path]::Combine($destination, 'module')) -Force
        [pscustomobject]@{ Folder = $module.Parent.Parent.FullName; Destination = $module.Parent.FullName; Module = $module.FullName; Manifest = [System.IO.Path]::Combine($module.Parent.FullName, 'MDIConnectivity.psd1') }
    }
    $folder = $layout.Folder
    $destination = $layout.Destination
    Copy-Item -ToSession $Session -LiteralPath $manifestFile -Destination $destination -ErrorAction Stop
    # The runtime goes separately, only when the host lacks one, so module/runtime is never copied blindly.
    $parts = @(Get-ChildItem -LiteralPath (Join-Path -Path $stageRoot -ChildPath 'module') | Where-Object { $_.Name -ne 'runtime' })
    Copy-Item -ToSession $Session -LiteralPath @($parts | ForEach-Object { $_.FullName }) -Destination $layout.Module -Recurse -ErrorAction Stop
    $manifest = $layout.Manifest
    $copy = [pscustomobject]@{ Manifest = $manifest; TempFolder = $folder; Copied = $true; Failure = $null }

    $hasNode = Invoke-Command -Session $Session -ScriptBlock {
        $module = Import-Module -Name $using:manifest -PassThru -Force
        try { -not ((& $module { Find-MDINodeRuntime }) -is [System.Management.Automation.ErrorRecord]) } finally { Remove-Module -ModuleInfo $module -Force }
    }
    if ($hasNode) { return $copy }

    $here = '{0}/{1}' -f [System.Environment]::OSVersion.Platform, [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture
    if ($here -ne $Probe.Platform) {
        $copy.Failure = New-MDIFleetHostResult -ComputerName $ComputerName -Verdict 'HostRuntimeMissing' -Transport $Session.Transport `
            -Detail ('No Node.js 22.15 or later on the host ({0}), and this machine ({1}) has no runtime for that platform to lend.' -f $Probe.Platform, $here)
        return $copy
    }
    $found = Find-MDINodeRuntime
    if ($found -is [System.Management.Automation.ErrorRecord]) {
        $copy.Failure = New-MDIFleetHostResult -ComputerName $ComputerName -Verdict 'HostRuntimeMissing' -Transport $Session.Transport `
            -Detail ('No Node.js 22.15 or later on the host ({0}), nor on this machine to lend: {1}' -f $Probe.Platform, $found.Exception.Message)
        return $copy
    }
    $runtime = $found.NodePath
    $packed = Get-MDICompressedRuntime -Path $runtime
    $remotePacked = [System.IO.Path]::Combine($folder, 'node.gz')
    Copy-Item -ToSession $Session -LiteralPath $packed -Destination $remotePacked -ErrorAction Stop
    $runtimeName = [System.IO.Path]::GetFileName($runtime)
    # Where the copy's own Find-MDINodeRuntime looks first: runtime/<os>-<arch>/ (same platform, checked above).
    $platform = Get-MDIPlatform
    $runtimeFolder = '{0}-{1}' -f $platform.Os, $platform.Arch
    Invoke-Command -Session $Session -ErrorAction Stop -ScriptBlock {
        $Packed = $using:remotePacked
        $folder = New-Item -ItemType Directory -Path ([System.IO.Path]::Combine($using:destination, 'module', 'runtime', $using:runtimeFolder)) -Force
        $target = [System.IO.Path]::Combine($folder.FullName, $using:runtimeName)
        $in = [System.IO.File]::OpenRead($Packed)
        try {
            $out = [System.IO.File]::Create($target)
            try { $gzip = [System.IO.Compression.GZipStream]::new($in, [System.IO.Compression.CompressionMode]::Decompress); $gzip.CopyTo($out) } finally { $out.Dispose() }
        }
        finally { $in.Dispose() }
        Remove-Item -LiteralPath $Packed -Force
        if ([System.Environment]::OSVersion.Platform -eq 'Unix') { & chmod 755 $target }
    }
    $copy
}

function Get-MDICompressedRuntime {
    # A gzip of the runtime, made once per runtime file (size and time in the name) in this machine's temp
    # folder: the copy over a session is then about 40% of the bytes.
    param([Parameter(Mandatory = $true)] [string] $Path)
    $file = Get-Item -LiteralPath $Path
    $packed = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('MDIConnectivity-runtime-{0}-{1}.gz' -f $file.Length, $file.LastWriteTimeUtc.Ticks)
    if (Test-Path -LiteralPath $packed) { return $packed }
    $partial = '{0}.{1}.partial' -f $packed, [guid]::NewGuid().ToString('N')
    $in = [System.IO.File]::OpenRead($file.FullName)
    try {
        $out = [System.IO.File]::Create($partial)
        try {
            $gzip = [System.IO.Compression.GZipStream]::new($out, [System.IO.Compression.CompressionLevel]::Fastest)
            try { $in.CopyTo($gzip) } finally { $gzip.Dispose() }
        }
        finally { $out.Dispose() }
    }
    finally { $in.Dispose() }
    Move-Item -LiteralPath $partial -Destination $packed -Force
    $packed
}
