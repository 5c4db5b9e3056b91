function Write-MDIProxyRegistryValue {
    <#
    .SYNOPSIS
    Sets a service account's DefaultConnectionSettings (REG_BINARY) in the live registry and returns the bytes read back.
    .DESCRIPTION
    Only the two accounts Copy-MDIProxySetting may change are accepted, so no other key can be written.
    Callers run it after ShouldProcess and after writing the backup. The OS calls are
    Set-MDIRegistryValue and Get-MDIRegistryValue.
    #>
    [CmdletBinding()]
    [OutputType([byte[]])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('LocalSystem', 'LocalService')]
        [string] $Scope,

        [Parameter(Mandatory = $true)]
        [byte[]] $Value
    )

    $sid = 'S-1-5-19'
    if ($Scope -eq 'LocalSystem') { $sid = 'S-1-5-18' }
    $key = 'HKEY_USERS\{0}\Software\Microsoft\Windows\CurrentVersion\Internet Settings\Connections' -f $sid
    $name = 'DefaultConnectionSettings'
    Set-MDIRegistryValue -Key $key -Name $name -Value $Value -Type Binary
    $readBack = Get-MDIRegistryValue -Key $key -Name $name
    # The leading comma keeps the byte[] one object instead of unrolling it into the pipeline.
    , $readBack
}
