function Read-MDIProxyRegistry {
    <#
    .SYNOPSIS
    Reads the accounts' proxy settings from the live registry: returns the RegistrySnapshot of the contract (raw values as base64).
    .DESCRIPTION
    Keys as in src/settings/scopes.ts, each read through Get-MDIRegistryValue. Nothing is decoded here
    (that is the engine's job); an absent or unreadable value is $null. Off Windows it returns
    the MDI_REGISTRY_UNAVAILABLE ErrorRecord (not thrown: see Resolve-MDIFilePath).
    #>
    [CmdletBinding()]
    [OutputType([hashtable], [System.Management.Automation.ErrorRecord])]
    param()

    if (-not (Test-MDIWindows)) {
        $message = 'The live registry can only be read on Windows. Export the proxy settings on the domain controller (reg export "HKU\S-1-5-19\Software\Microsoft\Windows\CurrentVersion\Internet Settings\Connections" sensor.reg, and the same for HKU\S-1-5-18, HKCU and HKLM) and give the .reg file with -Path.'
        return (New-MDIErrorRecord -ErrorId 'MDI_REGISTRY_UNAVAILABLE' -Category NotImplemented -Message $message)
    }
    $binary = {
        param([string] $Key, [string] $Name)
        $value = Get-MDIRegistryValue -Key $Key -Name $Name
        if ($value -is [byte[]]) { [Convert]::ToBase64String($value) }
    }
    $connections = 'Software\Microsoft\Windows\CurrentVersion\Internet Settings\Connections'
    $winHttp = & $binary ('HKEY_LOCAL_MACHINE\' + $connections) 'WinHttpSettings'
    if ($null -eq $winHttp) { $winHttp = & $binary ('HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\Connections') 'WinHttpSettings' }
    $perUser = Get-MDIRegistryValue -Key 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings' -Name 'ProxySettingsPerUser'
    if ($perUser -isnot [int]) { $perUser = $null }
    $dnsSuffix = $null
    try { $dnsSuffix = [string][System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().DomainName } catch { Write-Verbose 'No primary DNS suffix could be read.' }
    if ([string]::IsNullOrEmpty($dnsSuffix)) { $dnsSuffix = $null }

    @{
        values               = @{
            CurrentUser  = & $binary ('HKEY_CURRENT_USER\' + $connections) 'DefaultConnectionSettings'
            LocalSystem  = & $binary ('HKEY_USERS\S-1-5-18\' + $connections) 'DefaultConnectionSettings'
            LocalService = & $binary ('HKEY_USERS\S-1-5-19\' + $connections) 'DefaultConnectionSettings'
            DefaultUser  = & $binary ('HKEY_USERS\.DEFAULT\' + $connections) 'DefaultConnectionSettings'
            Machine      = & $binary ('HKEY_LOCAL_MACHINE\' + $connections) 'DefaultConnectionSettings'
            WinHttp      = $winHttp
        }
        proxySettingsPerUser = $perUser
        dnsSuffix            = $dnsSuffix
    }
}
