function Get-MDIFileBackup {
    <#
    .SYNOPSIS
    The backups Write-MDIFileSafely keeps of one file, oldest first.
    .DESCRIPTION
    A backup is named <name>.<yyyyMMdd-HHmmss>.bak (UTC), or <name>.<yyyyMMdd-HHmmss>-<n>.bak for the n-th
    further one within the same second: the same rule as the engine's src/io/backups.ts. Files that only look
    similar are not returned, so nothing else in the folder is ever pruned. Ordered by time, then by n
    (plain name order would put '-1.bak' before '.bak').
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Folder,

        [Parameter(Mandatory = $true)]
        [string] $Leaf
    )

    $pattern = '^{0}\.(\d{{8}}-\d{{6}})(?:-(\d+))?\.bak$' -f [regex]::Escape($Leaf)
    $found = foreach ($path in [System.IO.Directory]::GetFiles($Folder)) {
        $name = [System.IO.Path]::GetFileName($path)
        $match = [regex]::Match($name, $pattern)
        if ($match.Success) {
            $sequence = 0
            if ($match.Groups[2].Success) { $sequence = [int]$match.Groups[2].Value }
            [pscustomobject]@{ Name = $name; Path = $path; Stamp = $match.Groups[1].Value; Sequence = $sequence }
        }
    }
    @($found | Sort-Object -Property @{ Expression = 'Stamp' }, @{ Expression = 'Sequence' })
}
