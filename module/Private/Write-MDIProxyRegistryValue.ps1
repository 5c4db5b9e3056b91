function Write-MDIProxyRegistryValue {
    <#
    .SYNOPSIS
    The only writer of the live registry: sets a service account's DefaultConnectionSettings (REG_BINARY) and returns the bytes read back.
    .DESCRIPTION
    Only the two accounts Copy-MDIProxySetting may change are accepted, so no other key can be written.
    The key is created when missing. Callers run it after ShouldProcess and after writing the backup;
    -WhatIf/-Confirm are turned off here so the registry provider does not ask a second time.
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
    $key = 'Registry::HKEY_USERS\{0}\Software\Microsoft\Windows\CurrentVersion\Internet Settings\Connections' -f $sid
    $name = 'DefaultConnectionSettings'
    if (-not (Test-Path -LiteralPath $key)) { $null = New-Item -Path $key -Force -ErrorAction Stop -WhatIf:$false -Confirm:$false }
    $null = New-ItemProperty -LiteralPath $key -Name $name -PropertyType Binary -Value $Value -Force -ErrorAction Stop -WhatIf:$false -Confirm:$false
    $readBack = (Get-ItemProperty -LiteralPath $key -Name $name -ErrorAction Stop).$name
    # The leading comma keeps the byte[] one object instead of unrolling it into the pipeline.
    , $readBack
}
