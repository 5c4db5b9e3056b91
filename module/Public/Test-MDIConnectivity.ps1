function Test-MDIConnectivity {
    <#
    .SYNOPSIS
    Tests whether, and why, the Defender for Identity sensor on this machine can reach its cloud service.

    .DESCRIPTION
    Test-MDIConnectivity calls the sensor API ping endpoint of your Defender for Identity workspace
    (https://<workspace>sensorapi.atp.azure.com/tri/sensor/api/ping for the commercial cloud) the way the
    sensor does: directly or through the proxy you name, with the proxy credentials you give. It follows
    every phase (DNS, TCP, proxy CONNECT and proxy authentication, TLS and the certificate chain, HTTP)
    and returns one MDIConnectivity.CheckResult per check, with a Verdict (Pass, DnsFailure,
    ProxyAuthRequired, TlsInspected, CertificateUntrusted, ...), a one-line Detail of what happened and a
    one-line Remediation of what to do about it.

    The allowlist: after the sensor API (Category SensorApi) it checks, along the same routes, the
    certificate URLs (CertificateAllowlist: crl.microsoft.com, ctldl.windowsupdate.com,
    www.microsoft.com/pki..., plain http on port 80) and the revocation URLs (CertificateRevocation);
    -IncludeLegacyEndpoints adds the legacy regional records (LegacyRegional). EndpointId names the
    entry; optional entries (Required $false) never fail the test. Then comes one result per root
    certificate the cloud requires (Category RootCertificate; Verdict Pass, CertificateUntrusted when
    missing, CertificateExpired), from Cert:\LocalMachine\Root on Windows or the -RootStorePath bundle.
    -SkipAllowlist tests the sensor API only, as Test-MDISensorApiConnection does.

    Which route is tested is chosen by -ProxySource. The default, Auto, follows the sensor's own order:
      1. an explicit -ProxyUrl;
      2. else the proxy in the classic sensor's own configuration (SensorConfiguration.json), when one
         is found: on Windows automatically from the AATPSensor service (unless -Path names another
         machine's settings), else the file given with -SensorConfigurationPath. Its proxy user's
         password is decrypted with the sensor certificate's machine key (elevated), or -CertificatePath;
      3. else the WinINet proxy settings of the sensor's service accounts: LocalService (the sensor)
         and LocalSystem (the updater), from the live registry on Windows or the .reg export given
         with -Path (automatic detection, PAC, manual proxy and bypass list as WinINet follows them).
         When the two accounts take different routes, both are tested and a warning says so;
      4. else direct (off Windows without -Path, the test is direct and -Verbose says why).
    Every result says which route it took (RouteSource, RouteAccounts, RouteReason). A bundled Node.js
    engine (22.15 or later, see $env:MDI_NODE) does the work; the proxy password reaches it on stdin only.
    .PARAMETER WorkspaceName
    Name of your Defender for Identity workspace, as shown on the About page of the Identities settings in
    the Microsoft Defender portal (for example contoso-corp). Accepts pipeline input: a workspace name
    ('contoso-corp' | Test-MDIConnectivity), or objects with a WorkspaceName property.
    .PARAMETER Cloud
    Cloud that hosts the workspace: Commercial (the default), GCC, GCCHigh or DoD. It selects the sensor
    API domain, the allowlist and the required roots.
    .PARAMETER SensorApiUrl
    Tests this sensor API URL instead of the one derived from the workspace name, for example
    https://contoso-corpsensorapi.atp.azure.com (when given with -WorkspaceName, this URL is tested).
    .PARAMETER ProxyUrl
    Proxy to test through, for example http://proxy.contoso.com:8080. With -ProxySource Auto (the default)
    it comes first; without it the route comes from the service accounts' settings, else direct.
    .PARAMETER ProxyCredential
    Credential for a proxy that requires authentication (DOMAIN\user or user@domain). The password is sent to
    the engine only through its standard input, never on a command line or in an environment variable.
    .PARAMETER TrustedRootCertificate
    Paths of certificate files (PEM, or DER .cer as exported from the Windows certificate store) to trust
    as additional roots, for example a lab CA. Wildcards are accepted. The files are read by this command.
    .PARAMETER Resolve
    Host name overrides in the form host:port:address (as with curl --resolve), for example
    contoso-corpsensorapi.atp.azure.com:443:10.0.0.5, to test a specific address without changing DNS.
    .PARAMETER TimeoutSec
    Seconds one check (all its phases together) may take before it stops with the Timeout verdict (1 to
    300, default 10).
    .PARAMETER ProxySource
    Which route to test: Auto (the default, see the description), Parameter (-ProxyUrl only),
    SensorConfiguration (the proxy in the classic sensor's SensorConfiguration.json, direct when it names
    none; found from the AATPSensor service or given with -SensorConfigurationPath), LocalService (the
    sensor's account), LocalSystem (the updater's account), WinHttp (netsh winhttp show proxy), Pac (the
    PAC script named by -PacUrl) or Direct. LocalService, LocalSystem and WinHttp read the live registry
    on Windows; elsewhere they need -Path (otherwise MDI_REGISTRY_UNAVAILABLE). -PacUrl alone means Pac.
    .PARAMETER Path
    A .reg export holding the proxy settings to use instead of the live registry, for example one made on a
    domain controller with regedit or reg export (the ...\Internet Settings\Connections keys under
    HKU\S-1-5-19, HKU\S-1-5-18, HKCU and HKLM). Required off Windows for routes from settings.
    .PARAMETER SensorConfigurationPath
    The classic sensor's SensorConfiguration.json (or its folder), for -ProxySource SensorConfiguration
    and Auto, instead of the one found from the AATPSensor service; for example a copy from another
    domain controller. Ignored when -ProxyUrl is given with Auto (the explicit proxy comes first).
    .PARAMETER CertificatePath
    Where the machine key cannot decrypt the configured proxy password (off Windows, another machine's
    file): the sensor certificate with its private key (PFX, or PEM with the key).
    .PARAMETER CertificatePassword
    Password of the -CertificatePath file, as a SecureString. Sent to the engine only on standard input.
    .PARAMETER PacUrl
    PAC script to evaluate for -ProxySource Pac: an http(s) URL, a file:// URL or a file path (resolved
    against the current PowerShell location).
    .PARAMETER DnsSuffix
    DNS suffix used for automatic proxy detection (WPAD: wpad.<suffix>/wpad.dat) when an account has
    automatic detection on. Defaults to the machine's primary DNS suffix (or none when read from -Path).
    .PARAMETER SkipAllowlist
    Tests the sensor API only: no certificate allowlist URLs and no root certificate results (the
    official Test-MDISensorApiConnection's scope).
    .PARAMETER IncludeLegacyEndpoints
    Also tests the legacy regional sensor records (triprd1wc*.atp.azure.com) that older workspaces use.
    .PARAMETER ThrottleLimit
    Most connections open at once through one proxy, and directly (1 to 64; default 32). With
    -ComputerName, -HostName or -Session: the most hosts checked at once instead (default 32).
    .PARAMETER RootStorePath
    Off Windows: a PEM bundle that stands for the machine's root store in the root certificate results,
    for example a copy of the DC's roots. On Windows Cert:\LocalMachine\Root is read.
    .PARAMETER Quiet
    Returns a single [bool] per workspace instead of result objects: $true only if every required check
    passed and every required root certificate is present.
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

    .EXAMPLE
    Test-MDIConnectivity -WorkspaceName contoso-corp -ProxyUrl http://proxy.contoso.com:8080

    Tests the sensor API, then the certificate allowlist URLs, through the proxy, and the required roots:
    a table of Verdict, HttpStatus, Proxy and Target (Format-List adds Detail, Remediation and the route).

    .EXAMPLE
    Test-MDIConnectivity contoso-corp -ProxyUrl http://proxy.contoso.com:8080 -ProxyCredential (Get-Credential CONTOSO\svc-proxy) -SkipAllowlist -Verbose | Format-List

    The sensor API only, through an authenticating proxy: prints each phase as it runs and shows every
    property, including Remediation, ProxyAnswer and CertificateChain.

    .EXAMPLE
    Test-MDIConnectivity contoso-corp -IncludeLegacyEndpoints | Where-Object { -not $_.Passed } | Format-Table Category, EndpointId, Target, Verdict, Remediation -Wrap

    Also tests the legacy regional records and lists only what failed, with what to do about it.

    .EXAMPLE
    $dcs = (Get-ADDomainController -Filter *).HostName
    Invoke-Command -ComputerName $dcs -ScriptBlock {
        Test-MDIConnectivity -WorkspaceName contoso-corp -ProxyUrl http://proxy.contoso.com:8080
    } | Sort-Object PSComputerName | Format-Table PSComputerName, Category, Target, Verdict, Detail -Wrap

    Runs the test on every domain controller (the module installed on each); results keep their properties.

    .EXAMPLE
    if (-not (Test-MDIConnectivity -WorkspaceName contoso-corp -ProxyUrl http://proxy.contoso.com:8080 -Quiet)) { exit 1 }

    In a runbook or scheduled task: -Quiet returns only $true or $false.

    .EXAMPLE
    Test-MDIConnectivity -WorkspaceName contoso-corp -Verbose | Format-Table Category, Verdict, RouteSource, Proxy, RouteReason -Wrap

    Without -ProxyUrl: the proxy in the classic sensor's own configuration, else the routes LocalService
    and LocalSystem take according to this machine's registry (two results per URL when they differ).

    .EXAMPLE
    Test-MDIConnectivity contoso-corp -ProxySource LocalService -Path ./dc01-proxy.reg -DnsSuffix corp.contoso.com -RootStorePath ./dc01-roots.pem

    From any machine (Linux included): the route the sensor's account takes according to a .reg export
    from DC01, WPAD looked up under corp.contoso.com, the roots judged against DC01's exported roots.

    .EXAMPLE
    Test-MDIConnectivity contoso-corp -ProxySource SensorConfiguration -SensorConfigurationPath ./dc01 -CertificatePath ./dc01-sensor.pfx -CertificatePassword (Read-Host -AsSecureString)

    Tests the proxy and credentials in a copy of DC01's SensorConfiguration.json, decrypting the stored
    password with DC01's exported sensor certificate. -ProxySource Pac -PacUrl <url> tests a PAC's choice.

    .INPUTS
    System.String. A workspace name; objects with a WorkspaceName property bind by property name.

    .OUTPUTS
    MDIConnectivity.CheckResult
    One object per check, then one per required root: Category, Target, EndpointId, Required, Host, Port,
    Verdict, Passed, HttpStatus, Proxy, TotalMs, Detail, Remediation, FailedPhase, Addresses,
    ResponseBody, ProxyAnswer, CertificateChain, TlsProtocol, Phases, RouteSource, RouteAccounts, RouteReason.

    System.Boolean
    With -Quiet.

    .NOTES
    Errors carry stable ids: MDI_NODE_NOT_FOUND (install Node.js 22.15+ or set $env:MDI_NODE),
    MDI_ENGINE_NOT_FOUND (run ./build.ps1), MDI_INVALID_ARGUMENT, MDI_ENGINE_TIMEOUT,
    MDI_CONTRACT_MISMATCH, MDI_ENGINE_FAILED, MDI_REGISTRY_UNAVAILABLE (no live registry off Windows: use
    -Path), MDI_FILE_NOT_FOUND, MDI_REG_FILE_INVALID; for the sensor configuration MDI_SENSOR_CONFIG_NOT_FOUND,
    MDI_PROXY_PASSWORD_MISSING, MDI_CERTIFICATE_MISSING, MDI_PASSWORD_DECRYPT_FAILED (run elevated). Read them from $Error[0].FullyQualifiedErrorId.
    Engine errors are non-terminating; with -Quiet the command still returns $false after one.

    .LINK
    https://learn.microsoft.com/defender-for-identity/deploy/configure-proxy

    .LINK
    Test-MDISensorApiConnection
    #>
    [CmdletBinding(DefaultParameterSetName = 'ByWorkspace')]
    [OutputType('MDIConnectivity.CheckResult')]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true, ParameterSetName = 'ByWorkspace')]
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true, ParameterSetName = 'ByUrl')]
        [ValidateNotNullOrEmpty()]
        [string] $WorkspaceName,

        [Parameter(ParameterSetName = 'ByWorkspace')]
        [ValidateSet('Commercial', 'GCC', 'GCCHigh', 'DoD')]
        [string] $Cloud,

        [Parameter(Mandatory = $true, ParameterSetName = 'ByUrl')]
        [ValidateNotNullOrEmpty()]
        [string] $SensorApiUrl,

        [ValidateNotNullOrEmpty()]
        [string] $ProxyUrl,

        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $ProxyCredential = [System.Management.Automation.PSCredential]::Empty,

        [string[]] $TrustedRootCertificate,

        [string[]] $Resolve,

        [ValidateRange(1, 300)]
        [int] $TimeoutSec = 10,

        [ValidateSet('Auto', 'Parameter', 'SensorConfiguration', 'LocalService', 'LocalSystem', 'WinHttp', 'Pac', 'Direct')]
        [string] $ProxySource = 'Auto',

        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateNotNullOrEmpty()]
        [string] $PacUrl,

        [ValidateNotNullOrEmpty()]
        [string] $DnsSuffix,

        [ValidateNotNullOrEmpty()]
        [string] $SensorConfigurationPath,

        [ValidateNotNullOrEmpty()]
        [string] $CertificatePath,

        [System.Security.SecureString] $CertificatePassword,

        [switch] $SkipAllowlist,

        [switch] $IncludeLegacyEndpoints,

        [ValidateRange(1, 64)]
        [int] $ThrottleLimit,

        [ValidateNotNullOrEmpty()]
        [string] $RootStorePath,

        [switch] $Quiet,
        [Parameter(ValueFromPipelineByPropertyName = $true)] [Alias('DNSHostName', 'CN')] [ValidateNotNullOrEmpty()] [string[]] $ComputerName,
        [Parameter(ValueFromPipelineByPropertyName = $true)] [ValidateNotNullOrEmpty()] [string[]] $HostName,
        [ValidateNotNullOrEmpty()] [System.Management.Automation.Runspaces.PSSession[]] $Session,
        [System.Management.Automation.PSCredential] [System.Management.Automation.Credential()] $Credential = [System.Management.Automation.PSCredential]::Empty,
        [ValidateNotNullOrEmpty()] [string] $UserName,
        [ValidateNotNullOrEmpty()] [string] $KeyFilePath
    )

    begin {
        $fleet = New-MDIFleetRun -Caller $PSCmdlet -CommandName $MyInvocation.MyCommand.Name -BoundParameters $PSBoundParameters
        # A PAC named without a source means: test what that PAC chooses.
        $source = $ProxySource
        if ($PSBoundParameters.ContainsKey('PacUrl') -and -not $PSBoundParameters.ContainsKey('ProxySource')) { $source = 'Pac' }
        # The sensor's own configuration: always for SensorConfiguration; for Auto when no -ProxyUrl comes
        # first, required when named, else only if this machine has one (and -Path is not another's settings).
        $sensorConfiguration = 'None'
        if ($source -eq 'SensorConfiguration') { $sensorConfiguration = 'Required' }
        elseif ($source -eq 'Auto' -and -not $ProxyUrl) {
            if ($SensorConfigurationPath) { $sensorConfiguration = 'Required' }
            elseif (-not $Path) { $sensorConfiguration = 'Optional' }
        }
        if ($SensorConfigurationPath -and $sensorConfiguration -eq 'None') {
            Write-Verbose ('-SensorConfigurationPath is not used: -ProxySource {0} with these parameters does not read the sensor configuration.' -f $source)
        }
    }

    process {
        if (Add-MDIFleetTarget -Run $fleet -BoundParameters $PSBoundParameters) { return }
        try {
            $outcome = Invoke-MDITest -Caller $PSCmdlet -WorkspaceName $WorkspaceName -Cloud $Cloud -SensorApiUrl $SensorApiUrl `
                -ProxyUrl $ProxyUrl -ProxyCredential $ProxyCredential -TrustedRootCertificate $TrustedRootCertificate `
                -Resolve $Resolve -TimeoutSec $TimeoutSec -ProxySource $source -Path $Path -PacUrl $PacUrl -DnsSuffix $DnsSuffix `
                -SensorConfiguration $sensorConfiguration -SensorConfigurationPath $SensorConfigurationPath `
                -CertificatePath $CertificatePath -CertificatePassword $CertificatePassword `
                -SkipAllowlist:$SkipAllowlist -IncludeLegacyEndpoints:$IncludeLegacyEndpoints -ThrottleLimit $ThrottleLimit -RootStorePath $RootStorePath
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
        # A bad parameter comes back as its one ErrorRecord, thrown here and nowhere else.
        if ($outcome -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($outcome) }
        if ($Quiet) { return [bool]$outcome.Passed }
        # One uniform table: the URL checks, then the required roots.
        $outcome.Checks
        $outcome.RootChecks
    }
    end { Invoke-MDIFleetRun -Run $fleet }
}
