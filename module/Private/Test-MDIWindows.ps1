function Test-MDIWindows {
    <#
    .SYNOPSIS
    $true on Windows. The one platform check of the configuration commands.
    .DESCRIPTION
    A function rather than an inline test so that the Windows-only paths (live registry, machine
    certificate store, services) can run on any system in tests, with stand-ins for the thin seams
    that make the OS calls. $IsWindows does not exist in Windows PowerShell 5.1, hence OSVersion.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param()

    [System.Environment]::OSVersion.Platform -eq 'Win32NT'
}
