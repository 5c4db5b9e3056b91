function Set-MDIRegistryValue {
    <#
    .SYNOPSIS
    Windows-only seam: writes one value of the live registry (REG_BINARY or REG_SZ), creating its key when missing.
    .DESCRIPTION
    The only registry write of the module. Its callers (Write-MDIProxyRegistryValue,
    Write-MDIUnifiedProxyRegistryValue) accept only the values the module may change, run after the
    public command's ShouldProcess and the backup, and read the value back. -WhatIf/-Confirm are turned
    off here so the registry provider does not ask a second time.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Key,

        [Parameter(Mandatory = $true)]
        [string] $Name,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [object] $Value,

        [Parameter(Mandatory = $true)]
        [ValidateSet('Binary', 'String')]
        [string] $Type
    )

    $path = 'Registry::' + $Key
    if (-not (Test-Path -LiteralPath $path)) { $null = New-Item -Path $path -Force -ErrorAction Stop -WhatIf:$false -Confirm:$false }
    $null = New-ItemProperty -LiteralPath $path -Name $Name -PropertyType $Type -Value $Value -Force -ErrorAction Stop -WhatIf:$false -Confirm:$false
}
