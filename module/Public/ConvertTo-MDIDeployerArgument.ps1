function ConvertTo-MDIDeployerArgument {
    <#
    .SYNOPSIS
    Writes the sensor installer's or Deployer's proxy switches (ProxyUrl="..." ProxyUserName="..." ProxyUserPassword="...") for a proxy, or for the sensor's current configuration.

    .DESCRIPTION
    The classic sensor's proxy can be given at installation ("Azure ATP sensor Setup.exe" ProxyUrl=...
    ProxyUserName=... ProxyUserPassword=...) or changed later with
    Microsoft.Tri.Sensor.Deployment.Deployer.exe and the same switches (or ClearProxyConfiguration).
    ConvertTo-MDIDeployerArgument writes those switches, quoted the way both programs read them
    (Windows command-line rules; CommandLine adds the cmd.exe escapes a quote inside a value needs):
    - from -ProxyUrl and -ProxyCredential;
    - with -Clear: ClearProxyConfiguration;
    - with -FromCurrentConfiguration: from the sensor's SensorConfiguration.json (found from the AATPSensor
      service, or -SensorConfigurationPath), for example to reinstall a sensor with the same proxy.
    The password is shown as ******** unless -RevealPassword is given (a warning then says the output holds
    a secret). With -FromCurrentConfiguration -RevealPassword the stored password is decrypted: on Windows
    with the machine key of the sensor certificate (elevated session), elsewhere with -CertificatePath.

    .PARAMETER ProxyUrl
    Proxy URL to write, for example http://proxy.contoso.com:8080 (http:// is added when no scheme is given).

    .PARAMETER ProxyCredential
    Proxy user (DOMAIN\user or user@domain) and password. The password is sent to the engine only through
    its standard input and shown only with -RevealPassword.

    .PARAMETER Clear
    Writes ClearProxyConfiguration, the Deployer's switch that removes the proxy.

    .PARAMETER FromCurrentConfiguration
    Takes the proxy from the sensor's SensorConfiguration.json.

    .PARAMETER SensorConfigurationPath
    With -FromCurrentConfiguration: SensorConfiguration.json, or its folder. Without it, on Windows, the
    file in the AATPSensor service's folder.

    .PARAMETER CertificatePath
    With -FromCurrentConfiguration -RevealPassword off Windows: the sensor certificate with its private
    key (PFX, or PEM with the key), to decrypt the stored password.

    .PARAMETER CertificatePassword
    Password of the -CertificatePath file, as a SecureString (sent only through the engine's standard input).

    .PARAMETER RevealPassword
    Shows the password in Arguments and CommandLine instead of ********. The output then holds a secret:
    do not log it or leave it on screen.

    .EXAMPLE
    ConvertTo-MDIDeployerArgument -ProxyUrl http://proxy.contoso.com:8080 -ProxyCredential (Get-Credential CONTOSO\svc-mdi-proxy)

    Shows Arguments, ProxyUrl="http://proxy.contoso.com:8080" ProxyUserName="CONTOSO\svc-mdi-proxy"
    ProxyUserPassword="********", and the Deployer command line.

    .EXAMPLE
    (ConvertTo-MDIDeployerArgument -FromCurrentConfiguration).CommandLine

    On a domain controller: the Deployer command that sets the proxy the sensor has now (password masked).

    .EXAMPLE
    $arguments = (ConvertTo-MDIDeployerArgument -ProxyUrl http://proxy.contoso.com:8080 -ProxyCredential $cred -RevealPassword).Arguments
    Start-Process -FilePath '.\Azure ATP sensor Setup.exe' -ArgumentList ('/quiet AccessKeyFile=key.txt ' + $arguments) -Wait

    Installs a sensor with an authenticating proxy (the arguments hold the password: the process command
    line shows it to local administrators while it runs).

    .EXAMPLE
    ConvertTo-MDIDeployerArgument -Clear

    ClearProxyConfiguration, and the Deployer command line that uses it.

    .INPUTS
    System.Management.Automation.PSObject
    Bound by property name: ProxyUrl (or Url) and ProxyCredential, for example the output of
    ConvertFrom-MDIDeployerArgument, to write a command line again with its credential.

    .OUTPUTS
    MDIConnectivity.DeployerArgument
    Arguments (the switches), CommandLine (the Deployer command for a cmd.exe prompt), ProxyUrl,
    ProxyUserName, PasswordPresent (whether the password is known), PasswordRevealed, Clear, Warnings.

    .NOTES
    Errors carry stable ids: MDI_PROXY_URL_INVALID, MDI_INVALID_ARGUMENT, MDI_PROXY_PASSWORD_MISSING
    (-RevealPassword without a known password), MDI_SENSOR_CONFIG_NOT_FOUND, MDI_CERTIFICATE_MISSING,
    MDI_PASSWORD_DECRYPT_FAILED, MDI_DEPLOYER_SYNTAX_INVALID. Engine warnings (a value cmd.exe could
    expand, a password that is not known) are written as warnings and listed in Warnings.

    .LINK
    ConvertFrom-MDIDeployerArgument

    .LINK
    https://learn.microsoft.com/defender-for-identity/deploy/configure-proxy
    #>
    [CmdletBinding(DefaultParameterSetName = 'Proxy')]
    [OutputType('MDIConnectivity.DeployerArgument')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'Proxy', ValueFromPipelineByPropertyName = $true)]
        [Alias('Url')]
        [ValidateNotNullOrEmpty()]
        [string] $ProxyUrl,

        [Parameter(ParameterSetName = 'Proxy', ValueFromPipelineByPropertyName = $true)]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $ProxyCredential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter(Mandatory = $true, ParameterSetName = 'Clear')]
        [switch] $Clear,

        [Parameter(Mandatory = $true, ParameterSetName = 'FromCurrentConfiguration')]
        [switch] $FromCurrentConfiguration,

        [Parameter(ParameterSetName = 'FromCurrentConfiguration')]
        [ValidateNotNullOrEmpty()]
        [string] $SensorConfigurationPath,

        [Parameter(ParameterSetName = 'FromCurrentConfiguration')]
        [ValidateNotNullOrEmpty()]
        [string] $CertificatePath,

        [Parameter(ParameterSetName = 'FromCurrentConfiguration')]
        [System.Security.SecureString] $CertificatePassword,

        [switch] $RevealPassword
    )

    process {
        $request = @{
            schemaVersion = $script:MDIExpectedSchemaVersion
            command       = 'deployer-syntax'
            action        = 'format'
        }
        $credential = $null
        try {
            if ($PSCmdlet.ParameterSetName -eq 'Clear') { $request['clear'] = $true }
            elseif ($PSCmdlet.ParameterSetName -eq 'Proxy') {
                $request['proxyUrl'] = $ProxyUrl
                if (-not [string]::IsNullOrEmpty($ProxyCredential.UserName)) {
                    $request['proxyUser'] = $ProxyCredential.UserName
                    $credential = $ProxyCredential
                }
            }
            else {
                # The stored password is opened only when it is to be shown; masked output does not need it.
                $route = Get-MDISensorRouteInput -Caller $PSCmdlet -SensorConfigurationPath $SensorConfigurationPath -CertificatePath $CertificatePath -SkipDecrypt:(-not $RevealPassword)
                if ($route -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($route) }
                if ($route.Failed) { return }
                $request['sensorConfigurationPath'] = $route.Path
                if ($null -ne $route.CertificatePath) { $request['certificatePath'] = $route.CertificatePath }
                $credential = $route.Credential
            }
            if ($RevealPassword) {
                $request['revealPassword'] = $true
                Write-Warning 'The output holds the proxy secret in clear text: do not log it, and clear the screen and history when done.'
                # The answer is to carry the password: given as a credential, Invoke-MDIEngine would mask it
                # in the answer as a leaked secret. It still travels only on the engine's standard input.
                if ($null -ne $credential -and -not [string]::IsNullOrEmpty($credential.UserName)) {
                    $request['proxyPassword'] = $credential.GetNetworkCredential().Password
                    $credential = $null
                }
            }
            try { $engine = Invoke-MDIEngine -Request $request -ProxyCredential $credential -CertificatePassword $CertificatePassword -Caller $PSCmdlet }
            finally { $request.Remove('proxyPassword') }
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
        $response = $engine.Response
        if ($null -eq $response -or $null -ne (Get-MDIPropertyValue $response 'error')) { return }
        $warnings = [string[]]@(Get-MDIPropertyValue $response 'warnings')
        foreach ($line in $warnings) { Write-Warning $line }

        [pscustomobject]@{
            PSTypeName       = 'MDIConnectivity.DeployerArgument'
            Arguments        = [string](Get-MDIPropertyValue $response 'arguments')
            CommandLine      = [string](Get-MDIPropertyValue $response 'cmdCommandLine')
            ProxyUrl         = Get-MDIPropertyValue $response 'proxyUrl'
            ProxyUserName    = Get-MDIPropertyValue $response 'proxyUser'
            PasswordPresent  = [bool](Get-MDIPropertyValue $response 'passwordPresent')
            PasswordRevealed = [bool](Get-MDIPropertyValue $response 'passwordRevealed')
            Clear            = [bool](Get-MDIPropertyValue $response 'clear')
            Warnings         = $warnings
        }
    }
}
