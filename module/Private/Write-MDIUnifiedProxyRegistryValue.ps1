function Write-MDIUnifiedProxyRegistryValue {
    <#
    .SYNOPSIS
    Sets (REG_SZ) or deletes one of the unified sensor's two proxy policy values in the live registry.
    .DESCRIPTION
    Only TelemetryProxyServer (DataCollection key) and ProxyServer (Windows Defender key) are accepted,
    so no other value can be written. -Delete removes the value when present (the engine plans that when
    the new value is null). Callers run it after ShouldProcess and after writing the backup, and verify
    with Read-MDIUnifiedProxyRegistry. The OS calls are Set-MDIRegistryValue, Get-MDIRegistryValue and
    Remove-MDIRegistryValue.
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

    $key = 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\DataCollection'
    if ($Name -eq 'ProxyServer') { $key = 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows Defender' }
    if (-not $Delete) {
        Set-MDIRegistryValue -Key $key -Name $Name -Value $Value -Type String
        return
    }
    if ($null -ne (Get-MDIRegistryValue -Key $key -Name $Name)) { Remove-MDIRegistryValue -Key $key -Name $Name }
}
