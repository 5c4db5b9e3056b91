function Write-MDIFileSafely {
    <#
    .SYNOPSIS
    Every file the module writes goes through here: backup, temp file, atomic swap, read back. Returns the backup path or $null.
    .DESCRIPTION
    1. If the target exists, it is copied to <name>.<yyyyMMdd-HHmmss>.bak beside it first.
    2. The bytes go to a temp file in the same folder (same volume, so the swap is a rename).
    3. The temp file replaces the target atomically ([System.IO.File]::Replace), or is moved in
       when there was no target: a reader sees the old file or the new one, never half of one.
    4. The file is read back and compared; a mismatch throws MDI_WRITE_FAILED naming the backup.
    The path resolves against the PowerShell location (the process's current folder may differ).
    Callers decide ShouldProcess before calling; nothing here asks.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Path,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [byte[]] $Content
    )

    $target = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    $folder = [System.IO.Path]::GetDirectoryName($target)
    $leaf = [System.IO.Path]::GetFileName($target)
    if ([string]::IsNullOrEmpty($folder) -or -not [System.IO.Directory]::Exists($folder)) {
        $message = "Cannot write '{0}': the folder '{1}' does not exist. Create it or choose another path." -f $target, $folder
        throw (New-MDIErrorRecord -ErrorId 'MDI_WRITE_FAILED' -Category ObjectNotFound -Message $message -TargetObject $target)
    }

    $backup = $null
    $temp = [System.IO.Path]::Combine($folder, ('.{0}.{1}.tmp' -f $leaf, [guid]::NewGuid().ToString('N')))
    $kept = 'there was no previous file'
    try {
        if ([System.IO.File]::Exists($target)) {
            $stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
            $backup = [System.IO.Path]::Combine($folder, ('{0}.{1}.bak' -f $leaf, $stamp))
            $n = 1
            while ([System.IO.File]::Exists($backup)) {
                $backup = [System.IO.Path]::Combine($folder, ('{0}.{1}-{2}.bak' -f $leaf, $stamp, $n))
                $n++
            }
            [System.IO.File]::Copy($target, $backup, $false)
            $kept = "the previous file is kept as '{0}'" -f $backup
            Write-Verbose ('Kept a copy of {0} as {1}' -f $target, $backup)
        }
        [System.IO.File]::WriteAllBytes($temp, $Content)
        if ([System.IO.File]::Exists($target)) {
            try {
                # A null backup name: PowerShell would pass $null to a .NET string parameter as ''.
                [System.IO.File]::Replace($temp, $target, [System.Management.Automation.Language.NullString]::Value)
            }
            catch [System.PlatformNotSupportedException] {
                # Some file systems (FAT, a few network shares) cannot replace; the backup above still holds the old file.
                [System.IO.File]::Copy($temp, $target, $true)
            }
        }
        else {
            [System.IO.File]::Move($temp, $target)
        }
        $written = [System.IO.File]::ReadAllBytes($target)
        if ([Convert]::ToBase64String($written) -ne [Convert]::ToBase64String($Content)) {
            $message = "'{0}' does not read back as written; {1}." -f $target, $kept
            throw (New-MDIErrorRecord -ErrorId 'MDI_WRITE_FAILED' -Category WriteError -Message $message -TargetObject $target)
        }
    }
    catch {
        if ([string]$_.FullyQualifiedErrorId -like 'MDI_*') { throw }
        $cause = $_.Exception
        if ($cause -is [System.Management.Automation.MethodInvocationException] -and $null -ne $cause.InnerException) { $cause = $cause.InnerException }
        $message = "Could not write '{0}': {1} ({2})." -f $target, $cause.Message, $kept
        throw (New-MDIErrorRecord -ErrorId 'MDI_WRITE_FAILED' -Category WriteError -Message $message -TargetObject $target -InnerException $cause)
    }
    finally {
        if ([System.IO.File]::Exists($temp)) { try { [System.IO.File]::Delete($temp) } catch { Write-Verbose ('Could not remove the temp file {0}' -f $temp) } }
    }

    $size = $Content.Length
    Write-Verbose ('Wrote {0} ({1} bytes, read back and compared)' -f $target, $size)
    $backup
}
