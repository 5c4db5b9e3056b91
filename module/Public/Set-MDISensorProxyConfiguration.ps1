function Set-MDISensorProxyConfiguration {
    <#
    .SYNOPSIS
    Sets the proxy the Defender for Identity sensor uses, like the DefenderForIdentity module's command of the same name, without damaging the rest of its configuration.

    .DESCRIPTION
    Set-MDISensorProxyConfiguration mirrors the command of the same name in Microsoft's
    DefenderForIdentity module: -ProxyUrl and -ProxyCredential set the sensor's own proxy, an empty
    -ProxyUrl clears it, a URL without scheme gets http://, and -WhatIf/-Confirm are supported
    (ConfirmImpact High: it asks unless -Confirm:$false).

    Classic (v2) sensor: SensorConfiguration.json (found from the AATPSensor service, or
    -SensorConfigurationPath). The password is encrypted for the sensor certificate
    (SecretManagerConfigurationCertificateThumbprint): on Windows its public part is read from
    LocalMachine\My; elsewhere give it with -CertificatePath. Only the SensorProxyConfiguration value is
    replaced; every other byte of the file stays as it was (the original rewrites the whole file with
    ConvertTo-Json at depth 2). The previous file is kept as SensorConfiguration.json.<stamp>.bak; the
    new one is swapped in atomically and read back. As the original does, on Windows the
    AATPSensorUpdater service is stopped before the write and started after (its own confirmation;
    -SkipServiceRestart leaves it alone). A failed stop or start is the non-terminating error
    MDI_SERVICE_RESTART_FAILED: the file stays written; restart the service yourself.

    Unified (v3) sensor (a running SenseIdentity process, -SensorType Unified, or -Path): the
    TelemetryProxyServer (host:port) and Windows Defender ProxyServer (http://host:port) policy values.
    A backup .reg of the present values is written first (-BackupPath, by default in the temp folder),
    then the values, then they are read back. Credentials are refused (MDI_PROXY_CREDENTIALS_UNSUPPORTED):
    that sensor needs anonymous access through the proxy. Offline, -Path and -OutputPath turn a .reg
    export into the .reg to import on the domain controller.

    With -WhatIf the engine plans the change and nothing is written or restarted; -Verbose shows the plan
    and -PassThru returns the configuration as it would be.

    Runbooks: this command changes what the sensor uses, so it asks a person first (ConfirmImpact High).
    Runbooks, scheduled tasks and remote scripts pass -Confirm:$false (and can run -WhatIf first to see
    the plan). Without it, a session that cannot ask (pwsh -NonInteractive, a host without a user
    interface) stops with the single error MDI_CONFIRMATION_REQUIRED before anything is written.

    .PARAMETER ProxyUrl
    Proxy for the sensor, for example http://proxy.contoso.com:8080 (http:// is added when no scheme is
    given). An empty string clears the proxy configuration, as the original command does.

    .PARAMETER ProxyCredential
    Credential for a proxy that requires authentication (DOMAIN\user or user@domain); classic sensor only.
    The password is sent to the engine only through its standard input and stored encrypted.

    .PARAMETER SensorConfigurationPath
    Classic sensor: SensorConfiguration.json, or the folder holding it. Without it, on Windows, the file in
    the AATPSensor service's folder. Required off Windows and where the classic sensor is not installed.

    .PARAMETER SensorType
    Classic, or Unified (Modern in the documentation; the same). Detected when not given: -Path means
    Unified, -SensorConfigurationPath Classic, otherwise a running SenseIdentity process means Unified.

    .PARAMETER CertificatePath
    Classic sensor with -ProxyCredential, off Windows: the sensor certificate (PEM, DER or PFX; the public
    part is enough) to encrypt the password for. On Windows it is read from LocalMachine\My.

    .PARAMETER CertificatePassword
    Password of a PFX or encrypted PEM given with -CertificatePath, as a SecureString. Sent to the engine
    only through its standard input.

    .PARAMETER SkipServiceRestart
    Classic sensor on Windows: does not stop and start the AATPSensorUpdater service. The sensor then uses
    the new proxy only after the service is restarted.

    .PARAMETER Path
    Unified sensor, offline: a .reg export of HKLM\SOFTWARE\Policies\Microsoft\Windows\DataCollection and
    HKLM\SOFTWARE\Policies\Microsoft\Windows Defender. Requires -OutputPath.

    .PARAMETER OutputPath
    With -Path: the .reg file to write, to import on the domain controller (reg import <file>, elevated).

    .PARAMETER BackupPath
    Unified sensor: the .reg file that restores the present values. Online it is always written, before
    any change (default: MDIConnectivity-unified-proxy-backup-<yyyyMMdd-HHmmss>.reg in the temp folder);
    offline too, before the import file (default: beside -OutputPath, fix.reg -> fix.backup.reg).

    .PARAMETER PassThru
    Returns the new configuration (MDIConnectivity.SensorProxyConfiguration); with -WhatIf, the planned one.

    .EXAMPLE
    Set-MDISensorProxyConfiguration -ProxyUrl http://proxy.contoso.com:8080 -ProxyCredential (Get-Credential CONTOSO\svc-mdi-proxy) -WhatIf -Verbose

    On a domain controller: shows what would change (the planned proxy, the file, the service restart)
    without writing anything.

    .EXAMPLE
    Set-MDISensorProxyConfiguration -ProxyUrl proxy.contoso.com:8080 -Confirm:$false -PassThru

    Sets the proxy without prompting (http:// is added), restarts AATPSensorUpdater and returns the new
    configuration.

    .EXAMPLE
    Set-MDISensorProxyConfiguration '' -SkipServiceRestart

    Clears the proxy configuration (as Clear-MDISensorProxyConfiguration does) and leaves the updater
    service running.

    .EXAMPLE
    Set-MDISensorProxyConfiguration -ProxyUrl http://proxy.contoso.com:8080 -ProxyCredential $cred -SensorConfigurationPath ./dc01 -CertificatePath ./dc01-sensor.cer

    On any system: sets the proxy in a copy of DC01's SensorConfiguration.json (in ./dc01), encrypting the
    password for DC01's sensor certificate, to copy back to DC01.

    .EXAMPLE
    Set-MDISensorProxyConfiguration -ProxyUrl http://10.0.0.6:8080 -SensorType Unified -BackupPath C:\Temp\unified-proxy-before.reg

    Unified sensor: sets both policy values after writing the restoring .reg.

    .INPUTS
    System.Management.Automation.PSObject
    Bound by property name: ProxyUrl (or Url), ProxyCredential, SensorConfigurationPath, SensorType. For
    example the output of ConvertFrom-MDIDeployerArgument (ProxyUrl, ProxyCredential), rows of
    Import-Csv, or Get-MDISensorProxyConfiguration's output (Url, SensorType) to give another file the
    same proxy. A stored password cannot be carried over that way: give -ProxyCredential.

    .OUTPUTS
    None by default.

    MDIConnectivity.SensorProxyConfiguration
    With -PassThru: the configuration after the change (or as planned with -WhatIf).

    .NOTES
    Errors carry stable ids: MDI_CONFIRMATION_REQUIRED (non-interactive without -Confirm:$false),
    MDI_SENSOR_CONFIG_NOT_FOUND, MDI_SENSOR_CONFIG_UNREADABLE,
    MDI_SENSOR_CONFIG_INVALID, MDI_SENSOR_CONFIG_READ_ONLY, MDI_PROXY_URL_INVALID, MDI_CERTIFICATE_MISSING
    (the sensor certificate is not in LocalMachine\My, or off Windows without -CertificatePath),
    MDI_CERTIFICATE_INVALID, MDI_CERTIFICATE_MISMATCH, MDI_PASSWORD_ENCRYPT_FAILED, MDI_WRITE_FAILED,
    MDI_SERVICE_RESTART_FAILED, MDI_PROXY_CREDENTIALS_UNSUPPORTED (unified sensor), MDI_REGISTRY_UNAVAILABLE,
    MDI_REGISTRY_WRITE_FAILED, MDI_VERIFY_FAILED, MDI_INVALID_ARGUMENT. Run elevated on the domain controller.

    .LINK
    https://learn.microsoft.com/powershell/module/defenderforidentity/set-mdisensorproxyconfiguration

    .LINK
    Get-MDISensorProxyConfiguration

    .LINK
    Clear-MDISensorProxyConfiguration
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('MDIConnectivity.SensorProxyConfiguration')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Alias('Url')]
        [AllowEmptyString()]
        [AllowNull()]
        [string] $ProxyUrl,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $ProxyCredential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $SensorConfigurationPath,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [ValidateSet('Classic', 'Unified', 'Modern')]
        [string] $SensorType,

        [ValidateNotNullOrEmpty()]
        [string] $CertificatePath,

        [System.Security.SecureString] $CertificatePassword,

        [switch] $SkipServiceRestart,

        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateNotNullOrEmpty()]
        [string] $OutputPath,

        [ValidateNotNullOrEmpty()]
        [string] $BackupPath,

        [switch] $PassThru
    )

    process {
        try {
            $result = Invoke-MDISensorProxyChange -Caller $PSCmdlet -ProxyUrl $ProxyUrl -ProxyCredential $ProxyCredential -SensorConfigurationPath $SensorConfigurationPath `
                -SensorType $SensorType -CertificatePath $CertificatePath -CertificatePassword $CertificatePassword -SkipServiceRestart:$SkipServiceRestart `
                -Path $Path -OutputPath $OutputPath -BackupPath $BackupPath
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
        # A bad parameter or file comes back as its one ErrorRecord, thrown here and nowhere else.
        if ($result -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($result) }
        if ($PassThru -and $null -ne $result) { $result }
    }
}
