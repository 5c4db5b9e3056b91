function Move-MDIFileOver {
    <#
    .SYNOPSIS
    Puts -Source in place of -Destination in one step, retrying while the destination is briefly held.
    .DESCRIPTION
    An existing destination is swapped with [System.IO.File]::Replace (on Windows it keeps the file's ACL and
    attributes; elsewhere .NET makes it a rename); a new file is moved into place (File.Move). On Windows an antivirus scanner,
    the search indexer or a backup agent holds files it has just seen, and the swap fails with a sharing or
    access error until it lets go: the same bounded back-off as the engine (src/io/durable.ts), 10 ms
    doubling to 640 ms, about 1.3 s in all; then the last error is thrown.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Source,

        [Parameter(Mandatory = $true)]
        [string] $Destination
    )

    $windows = [System.Environment]::OSVersion.Platform -eq 'Win32NT'
    $delays = @(10, 20, 40, 80, 160, 320, 640)
    for ($attempt = 0; ; $attempt++) {
        try {
            # File.Replace is a rename(2) on Linux and macOS too, so one call serves every platform (and the
            # three-argument File.Move does not exist on Windows PowerShell 5.1's .NET Framework).
            if ([System.IO.File]::Exists($Destination)) {
                try {
                    # A null backup name: PowerShell would pass $null to a .NET string parameter as ''.
                    [System.IO.File]::Replace($Source, $Destination, [System.Management.Automation.Language.NullString]::Value)
                }
                catch [System.PlatformNotSupportedException] {
                    # FAT and a few network shares cannot replace; the caller's backup still holds the old file.
                    [System.IO.File]::Copy($Source, $Destination, $true)
                    [System.IO.File]::Delete($Source)
                }
            }
            else { [System.IO.File]::Move($Source, $Destination) }
            return
        }
        catch {
            $cause = $_.Exception
            if ($cause -is [System.Management.Automation.MethodInvocationException] -and $null -ne $cause.InnerException) { $cause = $cause.InnerException }
            # Off Windows only EBUSY is transient (HResult 16); there access errors are real permission errors.
            $transient = ($windows -and ($cause -is [System.IO.IOException] -or $cause -is [System.UnauthorizedAccessException])) -or
                (-not $windows -and $cause -is [System.IO.IOException] -and ($cause.HResult -band 0xFFFF) -eq 16)
            if ($attempt -ge $delays.Count -or -not $transient) { throw $cause }
            Write-Verbose ('{0} is busy; trying again in {1} ms' -f $Destination, $delays[$attempt])
            Start-Sleep -Milliseconds $delays[$attempt]
        }
    }
}
