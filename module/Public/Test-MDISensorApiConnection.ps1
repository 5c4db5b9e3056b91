function Test-MDISensorApiConnection {
    <#
    .SYNOPSIS
    Tests the connection to the Defender for Identity sensor API, like the DefenderForIdentity module's command of the same name.

    .DESCRIPTION
    Test-MDISensorApiConnection mirrors the command of the same name in Microsoft's DefenderForIdentity
    module so existing scripts keep working: with -BypassConfiguration it tests the sensor API URL you
    give, directly or through the proxy you give, and returns $true when the sensor's route works and
    $false otherwise, writing the reason to the verbose stream (use -Verbose to see it).

    It runs the same checks as Test-MDIConnectivity, so the answer is more precise than the original's
    "HTTP 200 or not": $true means the verdict is Pass (this includes the documented 503 answer of some
    older workspaces, which proves the route works). Add -Detailed to get the full
    MDIConnectivity.CheckResult object (verdict, detail, remediation, phases, certificate chain) instead.

    Only the BypassConfiguration parameter set is available in this version: reading the installed
    sensor's own proxy configuration (UseCurrentConfiguration) is not implemented yet. Two additions
    test other routes: -Path takes the proxy settings of the sensor's service accounts (LocalService,
    the sensor, and LocalSystem, the updater) from a .reg export, as Test-MDIConnectivity -ProxySource
    Auto does (an explicit -ProxyUrl still comes first; both accounts are tested when they differ), and
    -PacUrl tests the route a PAC script chooses. Without -ProxyUrl, -Path or -PacUrl the test is direct.

    .PARAMETER BypassConfiguration
    Tests with the URL, proxy and credential given on the command line instead of the installed sensor's
    configuration. Required in this version.

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

    .OUTPUTS
    System.Boolean
    By default: $true only when the verdict is Pass.

    MDIConnectivity.CheckResult
    With -Detailed.

    .NOTES
    Engine errors (for example an invalid URL, id MDI_INVALID_ARGUMENT) are written as non-terminating
    errors and the command then returns $false. A missing Node.js runtime (MDI_NODE_NOT_FOUND) or engine
    (MDI_ENGINE_NOT_FOUND) stops the command.

    .LINK
    https://learn.microsoft.com/powershell/module/defenderforidentity/test-mdisensorapiconnection

    .LINK
    Test-MDIConnectivity
    #>
    # UseCurrentConfiguration (the original's default set, reading the installed sensor's proxy settings)
    # arrives with the sensor-configuration issue; until then BypassConfiguration is the only set.
    [CmdletBinding(DefaultParameterSetName = 'BypassConfiguration')]
    [OutputType([bool])]
    [OutputType('MDIConnectivity.CheckResult')]
    param(
        [Parameter(Mandatory = $true, ParameterSetName = 'BypassConfiguration')]
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

        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateNotNullOrEmpty()]
        [string] $PacUrl,

        [ValidateRange(1, 300)]
        [int] $TimeoutSec = 10
    )

    # The published docs say Modern, the shipped code says Unified: same sensor, one name internally.
    if ($SensorType -eq 'Modern') { $SensorType = 'Unified' }
    if ($SensorType) { Write-Verbose ('Sensor type {0}: the sensor API check is the same for every type.' -f $SensorType) }

    if ($PacUrl -and $ProxyUrl) {
        $message = 'Give -ProxyUrl or -PacUrl, not both: each names the route to test.'
        $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $message))
    }
    # BypassConfiguration tests what is given on the command line: never the live registry.
    $source = 'Direct'
    if ($PacUrl) { $source = 'Pac' }
    elseif ($ProxyUrl -or $Path) { $source = 'Auto' }

    try {
        $outcome = Invoke-MDITest -Caller $PSCmdlet -SensorApiUrl $SensorApiUrl -ProxyUrl $ProxyUrl `
            -ProxyCredential $ProxyCredential -TrustedRootCertificate $TrustedRootCertificate -Resolve $Resolve `
            -TimeoutSec $TimeoutSec -ProxySource $source -Path $Path -PacUrl $PacUrl
    }
    catch {
        $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
    }

    if ($Detailed) { return $outcome.Checks }
    foreach ($check in $outcome.Checks) {
        if ($check.Passed) { continue }
        Write-Verbose ('{0}: {1}. {2} {3}' -f $check.Target, $check.Verdict, $check.Detail, $check.Remediation)
    }
    [bool]$outcome.Passed
}
