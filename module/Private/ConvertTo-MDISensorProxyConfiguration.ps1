function ConvertTo-MDISensorProxyConfiguration {
    <#
    .SYNOPSIS
    Turns a sensor-config or unified-proxy engine answer into an MDIConnectivity.SensorProxyConfiguration object.
    .DESCRIPTION
    The official Get-MDISensorProxyConfiguration's properties come first, with its names and meaning
    (IsProxyEnabled, IsAuthenticationProxyEnabled, Url, UserName, EncryptedUserPasswordData,
    CertificateThumbprint), then this module's: SensorType, SourcePath, WorkspaceEndpoint,
    SensorApiUrl, SecretManagerCertificateThumbprint, PasswordCheck, Notes.
    Classic: from the answer's proxy (after a set or clear: the configuration now, or as it would be with
    -WhatIf). Unified: Url is the proxy the sensor uses (TelemetryProxyServer first), never with
    credentials. Only plain values and [pscustomobject]s, so the object survives remoting.
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.SensorProxyConfiguration')]
    param(
        [Parameter(Mandatory = $true)]
        [psobject] $Response,

        [Parameter(Mandatory = $true)]
        [ValidateSet('Classic', 'Unified')]
        [string] $SensorType,

        # Unified: where the values were read (the .reg export, or the two policy keys).
        [string] $SourcePath,

        # Overrides the engine's passwordCheck (Windows: the module tried the machine key).
        [AllowNull()]
        [psobject] $PasswordCheck,

        [string[]] $Note
    )

    $url = $null
    $userName = $null
    $encrypted = $null
    $thumbprint = $null
    $endpoint = $null
    $sensorApiUrl = $null
    $secretThumbprint = $null
    $check = $PasswordCheck
    $source = $SourcePath
    if ($SensorType -eq 'Unified') {
        $url = Get-MDIPropertyValue $Response 'proxyUrl'
    }
    else {
        $proxy = Get-MDIPropertyValue $Response 'proxy'
        $url = Get-MDIPropertyValue $proxy 'url'
        $userName = Get-MDIPropertyValue $proxy 'userName'
        $encrypted = Get-MDIPropertyValue $proxy 'encryptedUserPasswordData'
        $thumbprint = Get-MDIPropertyValue $proxy 'certificateThumbprint'
        $source = [string](Get-MDIPropertyValue $Response 'sourcePath')
        $sensorApiUrl = Get-MDIPropertyValue $Response 'sensorApiUrl'
        $secretThumbprint = Get-MDIPropertyValue $Response 'secretManagerCertificateThumbprint'
        $address = Get-MDIPropertyValue $Response 'workspaceEndpoint'
        if ($null -ne $address) {
            $endpoint = [pscustomobject]@{ Address = [string](Get-MDIPropertyValue $address 'address'); Port = [int](Get-MDIPropertyValue $address 'port') }
        }
        $engineCheck = Get-MDIPropertyValue $Response 'passwordCheck'
        if ($null -eq $check -and $null -ne $engineCheck) {
            $check = [pscustomobject]@{ Decrypted = [bool](Get-MDIPropertyValue $engineCheck 'decrypted'); Detail = [string](Get-MDIPropertyValue $engineCheck 'detail') }
        }
    }
    $notes = @(@(Get-MDIPropertyValue $Response 'notes') + @($Note) | Where-Object { -not [string]::IsNullOrEmpty($_) } | ForEach-Object { [string]$_ })

    [pscustomobject]@{
        PSTypeName                         = 'MDIConnectivity.SensorProxyConfiguration'
        IsProxyEnabled                     = -not [string]::IsNullOrEmpty($url)
        IsAuthenticationProxyEnabled       = -not [string]::IsNullOrEmpty($userName)
        Url                                = $url
        UserName                           = $userName
        EncryptedUserPasswordData          = $encrypted
        CertificateThumbprint              = $thumbprint
        SensorType                         = $SensorType
        SourcePath                         = $source
        WorkspaceEndpoint                  = $endpoint
        SensorApiUrl                       = $sensorApiUrl
        SecretManagerCertificateThumbprint = $secretThumbprint
        PasswordCheck                      = $check
        Notes                              = [string[]]$notes
    }
}
