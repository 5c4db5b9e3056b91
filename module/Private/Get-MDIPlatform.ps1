function Get-MDIPlatform {
    <#
    .SYNOPSIS
    Names the platform as the runtime folders do: Os is win, linux or osx; Arch is x64, x86, arm64 or arm.
    .DESCRIPTION
    $IsWindows and $IsLinux do not exist in Windows PowerShell 5.1, and RuntimeInformation is missing
    from older .NET Framework builds, so each source is guarded. Tests replace this function to make the
    runtime picker believe it runs on another platform.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $os = 'win'
    $arch = $null
    $information = 'System.Runtime.InteropServices.RuntimeInformation' -as [type]
    if ($null -ne $information) {
        $platforms = [System.Runtime.InteropServices.OSPlatform]
        if ($information::IsOSPlatform($platforms::Linux)) { $os = 'linux' }
        elseif ($information::IsOSPlatform($platforms::OSX)) { $os = 'osx' }
        $arch = ([string]$information::OSArchitecture).ToLowerInvariant()
    }
    elseif ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT) {
        $os = 'linux'
    }
    if ([string]::IsNullOrEmpty($arch)) {
        # Without RuntimeInformation this is Windows PowerShell on .NET Framework, which reports the OS
        # architecture through the environment (PROCESSOR_ARCHITEW6432 when a 32-bit shell runs on 64-bit).
        $reported = [string]$env:PROCESSOR_ARCHITEW6432
        if ([string]::IsNullOrEmpty($reported)) { $reported = [string]$env:PROCESSOR_ARCHITECTURE }
        switch ($reported.ToUpperInvariant()) {
            'ARM64' { $arch = 'arm64' }
            'X86' { $arch = 'x86' }
            default { $arch = 'x64' }
        }
    }
    [pscustomobject]@{ Os = $os; Arch = $arch }
}
