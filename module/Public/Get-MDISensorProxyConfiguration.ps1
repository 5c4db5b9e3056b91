function Get-MDISensorProxyConfiguration {
    <#
    .SYNOPSIS
    Gets the Defender for Identity sensor's own proxy configuration, like the DefenderForIdentity module's command of the same name.

    .DESCRIPTION
    Get-MDISensorProxyConfiguration mirrors the command of the same name in Microsoft's
    DefenderForIdentity module: run on a domain controller without parameters, it returns the proxy the
    sensor itself is configured with, with the official properties first (IsProxyEnabled,
    IsAuthenticationProxyEnabled, Url, UserName, EncryptedUserPasswordData, CertificateThumbprint), and
    nothing ($null) when the configuration cannot be read. Unlike the original it also says why, as a
    non-terminating error with a stable id.

    Classic (v2) sensor: the SensorProxyConfiguration section of SensorConfiguration.json, found in the
    folder of the AATPSensor service's binary, or given with -SensorConfigurationPath (for example a copy
    taken from a domain controller, on any operating system). On Windows the stored password is also
    opened with the machine key of the sensor certificate, only to report in PasswordCheck whether it
    can be (that needs an elevated session); elsewhere -CertificatePath does the same with an exported
    certificate. The password itself is never shown.

    Unified (v3) sensor (detected by a running SenseIdentity process, or -SensorType Unified, or -Path):
    the TelemetryProxyServer and Windows Defender ProxyServer policy values, from the live registry or
    a registry export (.reg file); Url is the proxy the sensor's own channel uses and IsAuthenticationProxyEnabled is
    $false (that sensor cannot authenticate to a proxy).

    The file and the values are read by the bundled Node.js engine (Node.js 22.15 or later).

    .PARAMETER SensorConfigurationPath
    SensorConfiguration.json, or the folder holding it. Without it, on Windows, the file in the AATPSensor
    service's folder is read. Required off Windows and where the classic sensor is not installed.

    .PARAMETER SensorType
    Classic, or Unified (the documentation calls it Modern; both names mean the same). Without it the
    type is detected: -Path means Unified, -SensorConfigurationPath means Classic, otherwise a running
    SenseIdentity process means Unified.

    .PARAMETER Path
    Unified sensor, offline: a .reg export holding HKLM\SOFTWARE\Policies\Microsoft\Windows\DataCollection
    and HKLM\SOFTWARE\Policies\Microsoft\Windows Defender (reg export, joined into one file).

    .PARAMETER CertificatePath
    Classic sensor: the sensor certificate with its private key (PFX, or PEM with the key), exported from
    LocalMachine\My of the domain controller, to check that the stored password opens (PasswordCheck).

    .PARAMETER CertificatePassword
    Password of the -CertificatePath file, as a SecureString. It is sent to the engine only through its
    standard input.

    .PARAMETER ComputerName
    Runs the command on these hosts over WinRM, as if logged on there (its own configuration and trust store); every host answers. See docs/fleet.md.
    .PARAMETER HostName
    Like -ComputerName, over SSH (PowerShell 7); when SSH fails, Detail also says what ssh reported.
    .PARAMETER Session
    Like -ComputerName, in PSSessions you opened (they are left open).
    .PARAMETER Credential
    The account for the WinRM sessions of -ComputerName.
    .PARAMETER UserName
    The user for the SSH sessions of -HostName.
    .PARAMETER KeyFilePath
    The private key file for the SSH sessions of -HostName.
    .PARAMETER ThrottleLimit
    With -ComputerName, -HostName or -Session: the most hosts checked at once (default 32).

    .EXAMPLE
    Get-MDISensorProxyConfiguration

    On a domain controller with the sensor installed: shows whether the sensor uses a proxy, which one
    and as which user (table: IsProxyEnabled, IsAuthenticationProxyEnabled, Url, UserName, SensorType,
    SourcePath).

    .EXAMPLE
    Get-MDISensorProxyConfiguration -SensorConfigurationPath ./dc01/SensorConfiguration.json -CertificatePath ./dc01-sensor.pfx -CertificatePassword (Read-Host -AsSecureString) | Format-List

    On any system: reads a copy of DC01's configuration and checks, with the exported sensor certificate,
    that the stored proxy password can be decrypted (PasswordCheck).

    .EXAMPLE
    $config = Get-MDISensorProxyConfiguration
    if ($null -eq $config) { $Error[0].FullyQualifiedErrorId }

    As with the original command, $null means the configuration could not be read; the error says why
    (for example MDI_SENSOR_CONFIG_NOT_FOUND).

    .EXAMPLE
    Get-MDISensorProxyConfiguration -Path ./dc02-policies.reg

    Reads the unified sensor's proxy from a .reg export of its two policy keys.

    .INPUTS
    System.Management.Automation.PSObject
    Bound by property name: SensorConfigurationPath, SensorType (for example rows of Import-Csv naming
    configuration copies of several domain controllers).

    .OUTPUTS
    MDIConnectivity.SensorProxyConfiguration
    IsProxyEnabled, IsAuthenticationProxyEnabled, Url, UserName, EncryptedUserPasswordData (base64
    ciphertext), CertificateThumbprint (the certificate the password is encrypted for), then SensorType,
    SourcePath, WorkspaceEndpoint (Address, Port), SensorApiUrl, SecretManagerCertificateThumbprint,
    PasswordCheck (Decrypted, Detail; $null when not checked) and Notes. Nothing when the configuration
    cannot be read.

    .NOTES
    Errors are non-terminating, with stable ids: MDI_SENSOR_CONFIG_NOT_FOUND (no AATPSensor service and no
    -SensorConfigurationPath), MDI_SENSOR_CONFIG_UNREADABLE (run elevated), MDI_SENSOR_CONFIG_INVALID,
    MDI_REGISTRY_UNAVAILABLE (unified sensor off Windows: use -Path), MDI_FILE_NOT_FOUND,
    MDI_REG_FILE_INVALID, MDI_CERTIFICATE_INVALID, MDI_NODE_NOT_FOUND, MDI_ENGINE_NOT_FOUND.
    A password that cannot be opened is not an error: PasswordCheck says why.

    .LINK
    https://learn.microsoft.com/powershell/module/defenderforidentity/get-mdisensorproxyconfiguration

    .LINK
    Set-MDISensorProxyConfiguration

    .LINK
    Test-MDISensorApiConnection
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.SensorProxyConfiguration')]
    param(
        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $SensorConfigurationPath,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [ValidateSet('Classic', 'Unified', 'Modern')]
        [string] $SensorType,

        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateNotNullOrEmpty()]
        [string] $CertificatePath,

        [System.Security.SecureString] $CertificatePassword,
        [ValidateNotNullOrEmpty()] [string[]] $ComputerName,
        [ValidateNotNullOrEmpty()] [string[]] $HostName,
        [ValidateNotNullOrEmpty()] [System.Management.Automation.Runspaces.PSSession[]] $Session,
        [System.Management.Automation.PSCredential] [System.Management.Automation.Credential()] $Credential = [System.Management.Automation.PSCredential]::Empty,
        [ValidateNotNullOrEmpty()] [string] $UserName,
        [ValidateNotNullOrEmpty()] [string] $KeyFilePath,
        [ValidateRange(1, 256)] [int] $ThrottleLimit
    )

    begin { $fleet = New-MDIFleetRun -Caller $PSCmdlet -CommandName $MyInvocation.MyCommand.Name -BoundParameters $PSBoundParameters }

    process {
        if (Add-MDIFleetTarget -Run $fleet -BoundParameters $PSBoundParameters) { return }
        # A copy that is not there is the commonest failure: found out here, where it needs no throw. The
        # helpers below return their failure too, so each is the one record the user gets.
        if ($SensorConfigurationPath -and -not $Path) {
            $given = @(Resolve-MDIFilePath -Path $SensorConfigurationPath -PathType Any -ErrorId 'MDI_SENSOR_CONFIG_NOT_FOUND' -Purpose 'the sensor configuration (SensorConfiguration.json, or the folder holding it)')[0]
            if ($given -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.WriteError($given); return }
        }
        try {
            $type = Resolve-MDISensorType -SensorType $SensorType -Path $Path -SensorConfigurationPath $SensorConfigurationPath
            if ($type -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.WriteError($type); return }
            if ($type -eq 'Unified') {
                $unifiedRequest = @{
                    schemaVersion = $script:MDIExpectedSchemaVersion
                    command       = 'unified-proxy'
                    action        = 'get'
                }
                $unified = Get-MDIUnifiedProxyInput -Path $Path
                if ($unified -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.WriteError($unified); return }
                foreach ($key in @($unified.Fields.Keys)) { $unifiedRequest[$key] = $unified.Fields[$key] }
                $engine = Invoke-MDIEngine -Request $unifiedRequest -Caller $PSCmdlet
                if ($null -eq $engine.Response -or $null -ne (Get-MDIPropertyValue $engine.Response 'error')) { return }
                return (ConvertTo-MDISensorProxyConfiguration -Response $engine.Response -SensorType Unified -SourcePath $unified.SourcePath)
            }

            $location = Resolve-MDISensorConfigurationPath -Path $SensorConfigurationPath
            if ($location -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.WriteError($location); return }
            $request = New-MDISensorConfigRequest -Action get -SensorConfigurationPath $location.Path
            if ($CertificatePath) { $request['certificatePath'] = @(Resolve-MDIFilePath -Path $CertificatePath -Purpose 'the sensor certificate file (PFX, or PEM with its private key)')[0] }
            if ($request['certificatePath'] -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.WriteError($request['certificatePath']); return }
            $engine = Invoke-MDIEngine -Request $request -CertificatePassword $CertificatePassword -Caller $PSCmdlet
            $response = $engine.Response
            if ($null -eq $response -or $null -ne (Get-MDIPropertyValue $response 'error')) { return }

            # On Windows, without a certificate file: does the stored password open with the machine key?
            $check = $null
            $proxy = Get-MDIPropertyValue $response 'proxy'
            $stored = [string](Get-MDIPropertyValue $proxy 'encryptedUserPasswordData')
            $user = [string](Get-MDIPropertyValue $proxy 'userName')
            if (-not $CertificatePath -and $stored.Length -gt 0 -and $user.Length -gt 0 -and (Test-MDIWindows)) {
                $thumbprint = [string](Get-MDIPropertyValue $proxy 'certificateThumbprint')
                # The store seam throws when the certificate is missing; a key that does not open is returned.
                try {
                    $opened = Unprotect-MDIStoredPassword -UserName $user -EncryptedData $stored -Thumbprint $thumbprint `
                        -FallbackThumbprint ([string](Get-MDIPropertyValue $response 'secretManagerCertificateThumbprint'))
                }
                catch { $opened = $_ }
                if ($opened -is [System.Management.Automation.ErrorRecord]) {
                    $check = [pscustomobject]@{ Decrypted = $false; Detail = [string]$opened.Exception.Message }
                }
                else {
                    $opened.Password.Dispose()
                    $check = [pscustomobject]@{ Decrypted = $true; Detail = 'The stored secret opens with the machine key of the sensor certificate in LocalMachine\My.' }
                }
            }
            ConvertTo-MDISensorProxyConfiguration -Response $response -SensorType Classic -PasswordCheck $check
        }
        catch {
            # As the original: nothing when the configuration cannot be read, here with the reason.
            $PSCmdlet.WriteError((New-MDIErrorRecord -FromErrorRecord $_))
        }
    }

    end { Invoke-MDIFleetRun -Run $fleet }
}
