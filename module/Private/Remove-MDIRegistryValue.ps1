function Remove-MDIRegistryValue {
    <#
    .SYNOPSIS
    Windows-only seam: deletes one value of the live registry.
    .DESCRIPTION
    Called only by Write-MDIUnifiedProxyRegistryValue (the engine plans a deletion when a unified
    sensor policy value is to be cleared), after ShouldProcess and the backup, for a value it has
    just read. -WhatIf/-Confirm are turned off so the provider does not ask a second time.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Key,

        [Parameter(Mandatory = $true)]
        [string] $Name
    )

    Remove-ItemProperty -LiteralPath ('Registry::' + $Key) -Name $Name -ErrorAction Stop -WhatIf:$false -Confirm:$false
}
