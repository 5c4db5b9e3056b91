function Read-MDIUnifiedProxyRegistry {
    <#
    .SYNOPSIS
    Reads the unified (v3) sensor's two proxy policy values: the UnifiedProxyValues of the contract.
    .DESCRIPTION
    TelemetryProxyServer under ...\Policies\Microsoft\Windows\DataCollection (the sensor's channel) and
    ProxyServer under ...\Policies\Microsoft\Windows Defender, both REG_SZ (as in
    src/sensor-config/unified-values.ts), read through Get-MDIRegistryValue. An absent, unreadable or
    non-string value is $null: the engine interprets the rest. Off Windows it returns
    the MDI_REGISTRY_UNAVAILABLE ErrorRecord (not thrown: see Resolve-MDIFilePath). Reads only.
    #>
    [CmdletBinding()]
    [OutputType([hashtable], [System.Management.Automation.ErrorRecord])]
    param()

    if (-not (Test-MDIWindows)) {
        $message = 'The live registry can only be read on Windows. On the domain controller export the two policy keys (reg export "HKLM\SOFTWARE\Policies\Microsoft\Windows\DataCollection" dc.reg, and the same for "HKLM\SOFTWARE\Policies\Microsoft\Windows Defender"), join them into one file and give it with -Path.'
        return (New-MDIErrorRecord -ErrorId 'MDI_REGISTRY_UNAVAILABLE' -Category NotImplemented -Message $message)
    }
    $text = {
        param([string] $Key, [string] $Name)
        $value = Get-MDIRegistryValue -Key $Key -Name $Name
        if ($value -is [string]) { $value }
    }
    @{
        telemetryProxyServer = & $text 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\DataCollection' 'TelemetryProxyServer'
        defenderProxyServer  = & $text 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows Defender' 'ProxyServer'
    }
}
