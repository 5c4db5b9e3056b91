function Write-MDIDurableFile {
    <#
    .SYNOPSIS
    Creates a new file (it must not exist), writes all the bytes and flushes them to the disk.
    .DESCRIPTION
    Used by Write-MDIFileSafely for its temp files: a rename that follows never exposes a file whose contents
    are still only in memory (FileStream.Flush($true) is FlushFileBuffers on Windows, fsync elsewhere).
    -UnixMode (off Windows) is set before any byte is written, so a copy of a private file is never readable
    by more people than the file; on Windows File.Replace keeps the target's ACL and attributes instead.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Path,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [byte[]] $Content,

        [object] $UnixMode
    )

    $stream = [System.IO.File]::Open($Path, [System.IO.FileMode]::CreateNew, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None)
    try {
        if ($null -ne $UnixMode) { [System.IO.File]::SetUnixFileMode($stream.SafeFileHandle, $UnixMode) }
        $stream.Write($Content, 0, $Content.Length)
        $stream.Flush($true)
    }
    finally {
        $stream.Dispose()
    }
}
