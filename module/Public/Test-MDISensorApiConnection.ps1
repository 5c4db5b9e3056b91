function Test-MDISensorApiConnection {
    <#
    .SYNOPSIS
    Tests the connection to the Defender for Identity sensor API, like the DefenderForIdentity module's command of the same name.

    .DESCRIPTION
    Test-MDISensorApiConnection mirrors the command of the same name in Microsoft's DefenderForIdentity
    module so existing scripts keep working, with its two parameter sets and its [bool] answer: $true when
    the sensor's route works and $false otherwise, the reason going to the verbose stream (use -Verbose).

    UseCurrentConfiguration (the default; no parameters needed on a domain controller) tests what the
    installed classic sensor itself uses: the sensor API URL from the workspace endpoint in its
    SensorConfiguration.json (found from the AATPSensor service) and the proxy configured there, with
    its user. On Windows the stored proxy password is decrypted with the machine key of the sensor
    certificate (an elevated session is needed) and passed to the engine only through its standard
    input. Off Windows, or for a copy of another domain controller's file, give -SensorConfigurationPath
    and, when the proxy authenticates, the exported sensor certificate with -CertificatePath. A
    configuration without proxy is tested directly (the sensor then follows its accounts' proxy
    settings, which Test-MDIConnectivity tests). The unified sensor keeps no sensor API URL this module
    can read: use -BypassConfiguration with -SensorType Unified for it.

    BypassConfiguration tests the URL you give, directly or through the proxy you give.

    It runs the same checks as Test-MDIConnectivity, so the answer is more precise than the original's
    "HTTP 200 or not": $true means the verdict is Pass (this includes the documented 503 answer of some
    older workspaces, which proves the route works). Add -Detailed to get the full
    MDIConnectivity.CheckResult object (verdict, detail, remediation, phases, certificate chain) instead.
    Like the original it checks the sensor API only; Test-MDIConnectivity also checks the certificate
    allowlist URLs and the required root certificates.

    Two additions to BypassConfiguration test other routes: -Path takes the proxy settings of the
    sensor's service accounts (LocalService, the sensor, and LocalSystem, the updater) from a .reg export,
    as Test-MDIConnectivity -ProxySource Auto does (an explicit -ProxyUrl still comes first; both accounts
    are tested when they differ), and -PacUrl tests the route a PAC script chooses. Without -ProxyUrl,
    -Path or -PacUrl the test is direct.

    .PARAMETER UseCurrentConfiguration
    Tests with the installed sensor's own configuration. This is the default set, so the switch is optional.

    .PARAMETER SensorConfigurationPath
    UseCurrentConfiguration: SensorConfiguration.json, or the folder holding it, instead of the one in the
    AATPSensor service's folder. Required off Windows and where the classic sensor is not installed.

    .PARAMETER CertificatePath
    UseCurrentConfiguration, when the configured proxy authenticates and the module cannot use the machine
    key (off Windows, or a copy of another domain controller's file): the sensor certificate with its
    private key (PFX, or PEM with the key), to decrypt the stored password.

    .PARAMETER CertificatePassword
    Password of the -CertificatePath file, as a SecureString. Sent to the engine only through its standard
    input.

    .PARAMETER BypassConfiguration
    Tests with the URL, proxy and credential given on the command line instead of the installed sensor's
    configuration. Optional: giving -SensorApiUrl already selects this parameter set (kept for scripts
    written for the original command, where it is required).

    .PARAMETER SensorApiUrl
    Sensor API URL to test, for example https://contoso-corpsensorapi.atp.azure.com.

    .PARAMETER ProxyUrl
    Proxy to test through, for example http://proxy.contoso.com:8080. Without it (and without -Path or
    -PacUrl) the test connects directly.

    .PARAMETER ProxyCredential
    Credential for a proxy that requires authentication (DOMAIN\user or user@domain). The password is sent to
    the engine only through its standard input.

    .PARAMETER SensorType
    Sensor generation: Classic, or Unified (the documentation calls it Modern; both names are accepted
    and mean the same). Accepted for compatibility with scripts written for the original command; the
    same sensor API check is run for every type.

    .PARAMETER Detailed
    Returns the MDIConnectivity.CheckResult object(s) instead of a [bool].

    .PARAMETER TrustedRootCertificate
    Paths of certificate files (PEM, or DER .cer) to trust as additional roots. Wildcards are accepted.

    .PARAMETER Resolve
    Host name overrides in the form host:port:address (as with curl --resolve).

    .PARAMETER Path
    A .reg export of the proxy settings (the ...\Internet Settings\Connections keys under HKU\S-1-5-19,
    HKU\S-1-5-18, HKCU and HKLM): without -ProxyUrl, the test takes the route the sensor's accounts
    take according to it. Works on any operating system.

    .PARAMETER PacUrl
    PAC script whose choice of route is tested: an http(s) URL, a file:// URL or a file path. Cannot be
    combined with -ProxyUrl.

    .PARAMETER TimeoutSec
    Seconds the whole check (all phases together) may take before it stops with the Timeout verdict (1 to 300,
    default 10).

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
    Test-MDISensorApiConnection

    On a domain controller with the classic sensor, in an elevated session: returns $true when the sensor
    can reach its sensor API with the proxy and credentials in its own configuration.

    .EXAMPLE
    Test-MDISensorApiConnection -SensorConfigurationPath ./dc01/SensorConfiguration.json -CertificatePath ./dc01-sensor.pfx -CertificatePassword (Read-Host -AsSecureString) -Detailed

    On any system: tests DC01's configured route from here, decrypting the stored proxy password with
    DC01's exported sensor certificate, and returns the detailed result.

    .EXAMPLE
    Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl https://contoso-corpsensorapi.atp.azure.com -ProxyUrl http://proxy.contoso.com:8080

    Returns $true when the sensor API can be reached through the proxy, $false otherwise.

    .EXAMPLE
    Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl https://contoso-corpsensorapi.atp.azure.com -ProxyUrl http://proxy.contoso.com:8080 -ProxyCredential (Get-Credential) -Verbose

    Tests through an authenticating proxy; when the answer is $false the verbose stream says which phase
    failed, why, and what to do.

    .EXAMPLE
    Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl https://contoso-corpsensorapi.atp.azure.com -Detailed | Format-List Verdict, Detail, Remediation

    Returns the detailed result instead of a bool.

    .EXAMPLE
    Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl https://contoso-corpsensorapi.atp.azure.com -Path ./dc01-proxy.reg -Verbose

    Returns $true when the route the sensor's accounts take according to DC01's exported proxy settings works.

    .INPUTS
    None. Nothing binds from the pipeline.

    .OUTPUTS
    System.Boolean
    By default: $true only when the verdict is Pass.

    MDIConnectivity.CheckResult
    With -Detailed.

    .NOTES
    Engine errors (for example an invalid URL, id MDI_INVALID_ARGUMENT, or MDI_SENSOR_CONFIG_NOT_FOUND and
    MDI_PROXY_PASSWORD_MISSING for the sensor's configuration) are written as non-terminating errors and
    the command then returns $false. A missing Node.js runtime (MDI_NODE_NOT_FOUND) or engine
    (MDI_ENGINE_NOT_FOUND), no sensor configuration to read (MDI_SENSOR_CONFIG_NOT_FOUND), the unified
    sensor with UseCurrentConfiguration (MDI_SENSOR_CONFIG_NOT_FOUND), and a stored password that cannot
    be decrypted (MDI_CERTIFICATE_MISSING, MDI_PASSWORD_DECRYPT_FAILED: run elevated) stop the command.

    .LINK
    Get-MDISensorProxyConfiguration

    .LINK
    https://learn.microsoft.com/powershell/module/defenderforidentity/test-mdisensorapiconnection

    .LINK
    Test-MDIConnectivity
    #>
    [CmdletBinding(DefaultParameterSetName = 'UseCurrentConfiguration')]
    [OutputType([bool])]
    [OutputType('MDIConnectivity.CheckResult')]
    param(
        [Parameter(ParameterSetName = 'UseCurrentConfiguration')]
        [switch] $UseCurrentConfiguration,

        [Parameter(ParameterSetName = 'UseCurrentConfiguration')]
        [ValidateNotNullOrEmpty()]
        [string] $SensorConfigurationPath,

        [Parameter(ParameterSetName = 'UseCurrentConfiguration')]
        [ValidateNotNullOrEmpty()]
        [string] $CertificatePath,

        [Parameter(ParameterSetName = 'UseCurrentConfiguration')]
        [System.Security.SecureString] $CertificatePassword,

        # Not mandatory: -SensorApiUrl alone already names this set, so the command never prompts for the switch.
        [Parameter(ParameterSetName = 'BypassConfiguration')]
        [switch] $BypassConfiguration,

        [Parameter(Mandatory = $true, ParameterSetName = 'BypassConfiguration')]
        [ValidateNotNullOrEmpty()]
        [string] $SensorApiUrl,

        [Parameter(ParameterSetName = 'BypassConfiguration')]
        [string] $ProxyUrl,

        [Parameter(ParameterSetName = 'BypassConfiguration')]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $ProxyCredential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter(ParameterSetName = 'BypassConfiguration')]
        [ValidateSet('Classic', 'Unified', 'Modern')]
        [string] $SensorType,

        [switch] $Detailed,

        [string[]] $TrustedRootCertificate,

        [string[]] $Resolve,

        [Parameter(ParameterSetName = 'BypassConfiguration')]
        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [Parameter(ParameterSetName = 'BypassConfiguration')]
        [ValidateNotNullOrEmpty()]
        [string] $PacUrl,

        [ValidateRange(1, 300)]
        [int] $TimeoutSec = 10,
        [ValidateNotNullOrEmpty()] [string[]] $ComputerName,
        [ValidateNotNullOrEmpty()] [string[]] $HostName,
        [ValidateNotNullOrEmpty()] [System.Management.Automation.Runspaces.PSSession[]] $Session,
        [System.Management.Automation.PSCredential] [System.Management.Automation.Credential()] $Credential = [System.Management.Automation.PSCredential]::Empty,
        [ValidateNotNullOrEmpty()] [string] $UserName,
        [ValidateNotNullOrEmpty()] [string] $KeyFilePath,
        [ValidateRange(1, 256)] [int] $ThrottleLimit
    )

    $fleet = New-MDIFleetRun -Caller $PSCmdlet -CommandName $MyInvocation.MyCommand.Name -BoundParameters $PSBoundParameters
    if (Add-MDIFleetTarget -Run $fleet -BoundParameters $PSBoundParameters) { Invoke-MDIFleetRun -Run $fleet; return }

    if ($PSCmdlet.ParameterSetName -eq 'UseCurrentConfiguration') {
        $type = Resolve-MDISensorType -SensorConfigurationPath $SensorConfigurationPath
        if ($type -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($type) }
        if ($type -eq 'Unified') {
            $message = 'This is the unified sensor (SenseIdentity is running): it keeps no sensor API URL this module can read. Get its proxy with Get-MDISensorProxyConfiguration, then run Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl https://<workspace>sensorapi.atp.azure.com -ProxyUrl <its Url> -SensorType Unified.'
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_SENSOR_CONFIG_NOT_FOUND' -Category ObjectNotFound -Message $message))
        }
        try {
            # The endpoint, the proxy and its user come from the file; the password from the machine key or -CertificatePath.
            $outcome = Invoke-MDITest -Caller $PSCmdlet -ProxySource 'SensorConfiguration' -SensorConfiguration Required `
                -SensorConfigurationPath $SensorConfigurationPath -CertificatePath $CertificatePath -CertificatePassword $CertificatePassword `
                -TrustedRootCertificate $TrustedRootCertificate -Resolve $Resolve -TimeoutSec $TimeoutSec -SkipAllowlist
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
    }
    else {
        # The published docs say Modern, the shipped code says Unified: same sensor, one name internally.
        if ($SensorType -eq 'Modern') { $SensorType = 'Unified' }
        if ($SensorType) { Write-Verbose ('Sensor type {0}: the sensor API check is the same for every type.' -f $SensorType) }

        if ($PacUrl -and $ProxyUrl) {
            $message = 'Give -ProxyUrl or -PacUrl, not both: each names the route to test.'
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $message))
        }
        # BypassConfiguration tests what is given on the command line: never the live registry or the sensor's file.
        $source = 'Direct'
        if ($PacUrl) { $source = 'Pac' }
        elseif ($ProxyUrl -or $Path) { $source = 'Auto' }

        try {
            $outcome = Invoke-MDITest -Caller $PSCmdlet -SensorApiUrl $SensorApiUrl -ProxyUrl $ProxyUrl `
                -ProxyCredential $ProxyCredential -TrustedRootCertificate $TrustedRootCertificate -Resolve $Resolve `
                -TimeoutSec $TimeoutSec -ProxySource $source -Path $Path -PacUrl $PacUrl -SkipAllowlist
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
    }
    # A bad parameter comes back as its one ErrorRecord, thrown here and nowhere else.
    if ($outcome -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($outcome) }

    if ($Detailed) { return $outcome.Checks }
    foreach ($check in $outcome.Checks) {
        if ($check.Passed) { continue }
        Write-Verbose ('{0}: {1}. {2} {3}' -f $check.Target, $check.Verdict, $check.Detail, $check.Remediation)
    }
    [bool]$outcome.Passed
}
