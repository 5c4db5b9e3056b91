function Get-MDIFileIdentity {
    <#
    .SYNOPSIS
    A key that is equal for two paths naming one file: device and inode on Unix, the full path on Windows.
    .DESCRIPTION
    Comparing paths is not enough off Windows: /bin is a link to /usr/bin on current distributions, and
    npm hard-links node binaries. PowerShell 7.4+ exposes stat() as UnixStat; without it (Windows
    PowerShell 5.1, Windows) the case-insensitive full path of the link's final target stands in.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Path
    )

    $item = Get-Item -LiteralPath $Path -Force -ErrorAction SilentlyContinue
    if ($null -eq $item) { return [System.IO.Path]::GetFullPath($Path).ToLowerInvariant() }
    if ($null -ne $item.PSObject.Methods['ResolveLinkTarget'] -and -not [string]::IsNullOrEmpty([string]$item.LinkType)) {
        $target = $item.ResolveLinkTarget($true)
        if ($null -ne $target) { $item = Get-Item -LiteralPath $target.FullName -Force -ErrorAction SilentlyContinue }
        if ($null -eq $item) { return [System.IO.Path]::GetFullPath($Path).ToLowerInvariant() }
    }
    $stat = $null
    if ($null -ne $item.PSObject.Properties['UnixStat']) { $stat = $item.UnixStat }
    if ($null -ne $stat) { return ('{0}:{1}' -f $stat.DeviceId, $stat.Inode) }
    $item.FullName.ToLowerInvariant()
}
