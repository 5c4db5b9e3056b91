function Write-MDIUnifiedProxyRegistryValue {
    <#
    .SYNOPSIS
    The only writer of the unified sensor's proxy: sets (REG_SZ) or deletes one of its two policy values.
    .DESCRIPTION
    Only TelemetryProxyServer (DataCollection key) and ProxyServer (Windows Defender key) are accepted,
    so no other value can be written; the key is created when missing. -Delete removes the value (the
    engine plans that when the new value is null). Callers run it after ShouldProcess and after writing
    the backup, and verify with Read-MDIUnifiedProxyRegistry; -WhatIf/-Confirm are turned off here so
    the registry provider does not ask a second time.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('TelemetryProxyServer', 'ProxyServer')]
        [string] $Name,

        [AllowEmptyString()]
        [string] $Value,

        [switch] $Delete
    )

    $key = 'Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\DataCollection'
    if ($Name -eq 'ProxyServer') { $key = 'Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows Defender' }
    if ($Delete) {
        $present = Get-ItemProperty -LiteralPath $key -Name $Name -ErrorAction SilentlyContinue
        if ($null -ne $present) { Remove-ItemProperty -LiteralPath $key -Name $Name -ErrorAction Stop -WhatIf:$false -Confirm:$false }
        return
    }
    if (-not (Test-Path -LiteralPath $key)) { $null = New-Item -Path $key -Force -ErrorAction Stop -WhatIf:$false -Confirm:$false }
    $null = New-ItemProperty -LiteralPath $key -Name $Name -PropertyType String -Value $Value -Force -ErrorAction Stop -WhatIf:$false -Confirm:$false
}
