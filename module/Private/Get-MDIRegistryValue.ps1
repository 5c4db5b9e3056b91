function Get-MDIRegistryValue {
    <#
    .SYNOPSIS
    Windows-only seam: one value of the live registry, or nothing when the key or value is absent or unreadable.
    .DESCRIPTION
    -Key is a full key name (HKEY_LOCAL_MACHINE\...). The only registry read of the module; which keys
    are read is decided by its callers (Read-MDIProxyRegistry, Read-MDIUnifiedProxyRegistry and the two
    writers reading back).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Key,

        [Parameter(Mandatory = $true)]
        [string] $Name
    )

    $item = Get-ItemProperty -LiteralPath ('Registry::' + $Key) -Name $Name -ErrorAction SilentlyContinue
    # The comma keeps a byte[] one object instead of unrolling it into the pipeline.
    if ($null -ne $item) { , $item.$Name }
}
