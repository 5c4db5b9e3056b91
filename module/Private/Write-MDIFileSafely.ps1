function Write-MDIFileSafely {
    <#
    .SYNOPSIS
    Every file the module writes goes through here: backup, temp file, atomic swap, read back. Returns the backup path or $null.
    .DESCRIPTION
    The same rules as the engine's writer (src/io/atomic-write.ts; docs/safe-writes.md):
    1. Temp files of earlier writers that were killed (.<name>.<pid>.tmp, pid gone) are removed.
    2. If the target exists, a backup <name>.<yyyyMMdd-HHmmss>.bak (UTC; -1, -2... within one second) is
       written beside it first: to a temp file, flushed to disk, then renamed, so a backup is always whole.
    3. The bytes go to .<name>.<pid>.tmp in the same folder (same volume, so the swap is a rename), with the
       target's mode off Windows, flushed to disk.
    4. The temp file replaces the target in one step (File.Replace on Windows, rename elsewhere), retried
       with a bounded back-off while a scanner holds the file: a reader sees the old file or the new one.
    5. The file is read back and compared; a mismatch is MDI_WRITE_FAILED naming the backup.
    6. Only then the oldest backups beyond 10 are removed (the engine's BACKUP_LIMIT).
    If the swap fails the target is untouched, and the temp file and the new backup are removed.
    The path resolves against the PowerShell location (the process's current folder may differ).
    Callers decide ShouldProcess before calling; nothing here asks. A failure is the MDI_WRITE_FAILED
    ErrorRecord, returned, not thrown (see Resolve-MDIFilePath).
    #>
    [CmdletBinding()]
    [OutputType([string], [System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Path,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [byte[]] $Content
    )

    $limit = 10
    $target = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    $folder = [System.IO.Path]::GetDirectoryName($target)
    $leaf = [System.IO.Path]::GetFileName($target)
    if ([string]::IsNullOrEmpty($folder) -or -not [System.IO.Directory]::Exists($folder)) {
        $message = "Cannot write '{0}': the folder '{1}' does not exist. Create it or choose another path." -f $target, $folder
        return (New-MDIErrorRecord -ErrorId 'MDI_WRITE_FAILED' -Category ObjectNotFound -Message $message -TargetObject $target)
    }
    $windows = [System.Environment]::OSVersion.Platform -eq 'Win32NT'

    foreach ($stale in [System.IO.Directory]::GetFiles($folder, ('.{0}.*.tmp' -f $leaf))) {
        $match = [regex]::Match($stale, '\.(\d+)\.tmp$')
        if ($match.Success -and [int]$match.Groups[1].Value -ne $PID -and $null -eq (Get-Process -Id ([int]$match.Groups[1].Value) -ErrorAction SilentlyContinue)) {
            try { [System.IO.File]::Delete($stale) } catch { Write-Verbose ('Could not remove the abandoned temp file {0}' -f $stale) }
        }
    }

    $backup = $null
    $backupTemp = $null
    $temp = [System.IO.Path]::Combine($folder, ('.{0}.{1}.tmp' -f $leaf, $PID))
    $mode = $null
    try {
        if ([System.IO.File]::Exists($target)) {
            if (-not $windows) { $mode = [System.IO.File]::GetUnixFileMode($target) }
            $stamp = [datetime]::UtcNow.ToString('yyyyMMdd-HHmmss', [System.Globalization.CultureInfo]::InvariantCulture)
            $taken = @(Get-MDIFileBackup -Folder $folder -Leaf $leaf | Where-Object { $_.Stamp -eq $stamp } | ForEach-Object { $_.Sequence })
            $n = 0
            while ($taken -contains $n) { $n++ }
            $name = '{0}.{1}.bak' -f $leaf, $stamp
            if ($n -gt 0) { $name = '{0}.{1}-{2}.bak' -f $leaf, $stamp, $n }
            $backupTemp = [System.IO.Path]::Combine($folder, ('.{0}.{1}.tmp' -f $name, $PID))
            Write-MDIDurableFile -Path $backupTemp -Content ([System.IO.File]::ReadAllBytes($target)) -UnixMode $mode
            Move-MDIFileOver -Source $backupTemp -Destination ([System.IO.Path]::Combine($folder, $name))
            $backup = [System.IO.Path]::Combine($folder, $name)
            Write-Verbose ('Kept a copy of {0} as {1}' -f $target, $backup)
        }
        Write-MDIDurableFile -Path $temp -Content $Content -UnixMode $mode
        Move-MDIFileOver -Source $temp -Destination $target
    }
    catch {
        $cause = $_.Exception
        if ($cause -is [System.Management.Automation.MethodInvocationException] -and $null -ne $cause.InnerException) { $cause = $cause.InnerException }
        foreach ($left in @($temp, $backupTemp, $backup)) {
            # The target is untouched, so a copy of it made just now is only clutter.
            if ($null -ne $left -and [System.IO.File]::Exists($left)) { try { [System.IO.File]::Delete($left) } catch { Write-Verbose ('Could not remove {0}' -f $left) } }
        }
        $message = "Could not write '{0}': {1} Nothing was replaced." -f $target, $cause.Message
        return (New-MDIErrorRecord -ErrorId 'MDI_WRITE_FAILED' -Category WriteError -Message $message -TargetObject $target -InnerException $cause)
    }

    $written = [System.IO.File]::ReadAllBytes($target)
    if ([Convert]::ToBase64String($written) -ne [Convert]::ToBase64String($Content)) {
        $kept = 'there was no previous file'
        if ($null -ne $backup) { $kept = "the previous file is kept as '{0}'" -f $backup }
        $message = "'{0}' does not read back as written: something else changed it; {1}." -f $target, $kept
        return (New-MDIErrorRecord -ErrorId 'MDI_WRITE_FAILED' -Category WriteError -Message $message -TargetObject $target)
    }
    $backups = @(Get-MDIFileBackup -Folder $folder -Leaf $leaf)
    for ($i = 0; $i -lt $backups.Count - $limit; $i++) {
        try { [System.IO.File]::Delete($backups[$i].Path) } catch { Write-Verbose ('Could not remove the old backup {0}' -f $backups[$i].Path) }
    }
    Write-Verbose ('Wrote {0} ({1} bytes, read back and compared)' -f $target, $Content.Length)
    $backup
}
