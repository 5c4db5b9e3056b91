function Test-MDEConnectivity {
    <#
    .SYNOPSIS
    Tests every Defender for Endpoint URL of a region along the MDE Client Analyzer's five proxy routes.

    .DESCRIPTION
    Test-MDEConnectivity does what the connectivity test of the MDE Client Analyzer does, from
    PowerShell and with reasons: it requests every URL of the Defender for Endpoint allowlist of the
    region (the standard list, or the streamlined *.endpoint.security.microsoft.com one with
    -Streamlined) five ways, in the analyzer's order:
      1 - Default proxy: the WinHTTP default proxy (netsh winhttp show proxy);
      2 - Proxy auto discovery (WPAD): the proxy the PAC found by WPAD chooses for the URL;
      3 - Proxy disabled: directly;
      4 - Named proxy: TelemetryProxyServer under HKLM\Software\Policies\Microsoft\Windows\DataCollection,
          the static proxy of the sensor;
      5 - Command line proxy: -ProxyUrl (the analyzer's -p).
    A route that is not configured "doesn't exist". A URL passes when at least one route reaches the
    service with an answer that proves it (200, or 400 for blob storage and 404 for the antivirus
    endpoint, as the analyzer accepts), without TLS inspection or proxy authentication (the sensor needs
    anonymous access through the proxy). Unlike the analyzer, each route result carries a Verdict and
    a Detail saying why it failed.

    The settings come from the live registry on Windows, or from a .reg export given with -Path (any
    OS). Off Windows without -Path, routes 1, 4 and (without -DnsSuffix) 2 do not exist. Run it as
    SYSTEM for the sensor's view (for example from a scheduled task or PsExec -s), as the analyzer does.

    .PARAMETER Region
    Data location of the Defender for Endpoint tenant: US, EU, UK, AU, UAE, GCC, GCCHigh or DoD.

    .PARAMETER Streamlined
    Tests the streamlined connectivity URLs (*.endpoint.security.microsoft.com, *.microsoft.us for the
    government clouds) instead of the standard list.

    .PARAMETER ProxyUrl
    Proxy for route 5, Command line proxy, for example http://proxy.contoso.com:8080 or proxy:8080.

    .PARAMETER Path
    A .reg export to read instead of the live registry: the WinHTTP settings (WinHttpSettings under
    HKLM\...\Internet Settings\Connections) and the HKLM\Software\Policies\Microsoft\Windows\DataCollection
    key (TelemetryProxyServer), for example from reg export on the device.

    .PARAMETER DnsSuffix
    DNS suffix under which WPAD looks for the PAC (http://wpad.<suffix>/wpad.dat). Defaults to the
    machine's primary DNS suffix on Windows.

    .PARAMETER TrustedRootCertificate
    Paths of certificate files (PEM, or DER .cer) to trust as additional roots. Wildcards are accepted.

    .PARAMETER Resolve
    Host name overrides in the form host:port:address (as with curl --resolve), for the probes and the
    WPAD lookup.

    .PARAMETER TimeoutSec
    Seconds one probe may take before it stops with the Timeout verdict (1 to 300, default 10).

    .PARAMETER ThrottleLimit
    Most connections open at once through one proxy, and directly (1 to 64; default 32).

    .PARAMETER AsAnalyzerText
    Returns the result as one string laid out exactly like the Client Analyzer's connectivity test
    ("Testing URL : ...", then "1 - Default proxy: Succeeded (200)" and so on), for runbooks that parse it.

    .PARAMETER Quiet
    Returns a single [bool]: $true when every required URL passed.

    .EXAMPLE
    Test-MDEConnectivity -Region EU

    Tests every European URL along the five routes; one row per URL with the outcome of each route.

    .EXAMPLE
    Test-MDEConnectivity -Region US -Streamlined | Where-Object { -not $_.Passed } | Select-Object -ExpandProperty Results | Format-Table Route, Kind, Outcome, Verdict, Detail -Wrap

    Tests the streamlined URLs of the US and shows, route by route, why the failing ones failed.

    .EXAMPLE
    Test-MDEConnectivity -Region UK -ProxyUrl http://proxy.contoso.com:8080 -Verbose

    Adds route 5 through the given proxy; -Verbose shows the routes found and the engine's notes.

    .EXAMPLE
    Test-MDEConnectivity -Region EU -AsAnalyzerText | Out-File -FilePath .\connectivity.txt -Encoding utf8

    Writes the analyzer's layout to a file, for scripts that parse the Client Analyzer's output.

    .EXAMPLE
    Invoke-Command -ComputerName srv01, srv02, srv03 -ScriptBlock {
        Test-MDEConnectivity -Region EU
    } | Where-Object { -not $_.Passed } | Format-Table PSComputerName, Url, DefaultProxy, NamedProxy -Wrap

    Runs the test on several servers (the module installed on each) and lists the URLs that fail there;
    the route results keep their properties across remoting.

    .EXAMPLE
    Test-MDEConnectivity -Region AU -Path ./srv01-proxy.reg -DnsSuffix corp.contoso.com

    From any machine (Linux included): the routes SRV01's exported WinHTTP and DataCollection settings give.

    .EXAMPLE
    if (-not (Test-MDEConnectivity -Region GCC -Quiet)) { exit 1 }

    In a runbook: $true or $false only.

    .INPUTS
    None. Nothing binds from the pipeline.

    .OUTPUTS
    MDIConnectivity.MdeUrlResult
    One object per URL: Url, Category, EntryId, Reachable (the statuses that prove the service was
    reached), Passed, DefaultProxy, Wpad, Direct, NamedProxy, CommandLineProxy and Results (the five).
    Each route is an MDIConnectivity.MdeRouteResult: Route, Kind, Outcome (Succeeded, Failed,
    DoesNotExist), HttpStatus, Verdict, Detail, Proxy, AnalyzerCode, Shared, TotalMs.

    System.String
    With -AsAnalyzerText.

    System.Boolean
    With -Quiet.

    .NOTES
    A warning says how many URLs failed when the test does not pass. Errors carry stable ids (read them
    from $Error[0].FullyQualifiedErrorId): MDI_NODE_NOT_FOUND, MDI_ENGINE_NOT_FOUND, MDI_INVALID_ARGUMENT,
    MDI_ENGINE_TIMEOUT, MDI_CONTRACT_MISMATCH, MDI_ENGINE_FAILED, MDI_FILE_NOT_FOUND, MDI_REG_FILE_INVALID.

    .LINK
    https://learn.microsoft.com/defender-endpoint/configure-environment

    .LINK
    Test-MDIConnectivity
    #>
    [CmdletBinding(DefaultParameterSetName = 'Objects')]
    [OutputType('MDIConnectivity.MdeUrlResult')]
    [OutputType([string])]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [ValidateSet('US', 'EU', 'UK', 'AU', 'UAE', 'GCC', 'GCCHigh', 'DoD')]
        [string] $Region,

        [switch] $Streamlined,

        [ValidateNotNullOrEmpty()]
        [string] $ProxyUrl,

        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateNotNullOrEmpty()]
        [string] $DnsSuffix,

        [string[]] $TrustedRootCertificate,

        [string[]] $Resolve,

        [ValidateRange(1, 300)]
        [int] $TimeoutSec = 10,

        [ValidateRange(1, 64)]
        [int] $ThrottleLimit,

        [Parameter(Mandatory = $true, ParameterSetName = 'AnalyzerText')]
        [switch] $AsAnalyzerText,

        [Parameter(Mandatory = $true, ParameterSetName = 'Quiet')]
        [switch] $Quiet
    )

    $activity = 'Testing MDE connectivity'
    # ValidateSet accepts any casing; the engine wants the contract's spelling.
    $regionName = $Region
    foreach ($name in @('US', 'EU', 'UK', 'AU', 'UAE', 'GCC', 'GCCHigh', 'DoD')) {
        if ($name -eq $Region) { $regionName = $name }
    }
    # Files first, outside the try: a missing one is the one ErrorRecord the user sees.
    $export = $null
    if ($Path) {
        $export = @(Resolve-MDIFilePath -Path $Path -Purpose 'the .reg export (regedit File > Export, or reg export)')[0]
        if ($export -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($export) }
    }
    $roots = @(Read-MDITrustedRootCertificate -Path $TrustedRootCertificate)
    if ($roots.Count -eq 1 -and $roots[0] -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($roots[0]) }
    try {
        Write-Progress -Activity $activity -Status ('Reading the proxy settings for region {0}' -f $regionName)
        $request = @{
            schemaVersion = $script:MDIExpectedSchemaVersion
            command       = 'mde-test'
            region        = $regionName
            timeoutSec    = $TimeoutSec
        }
        if ($Streamlined) { $request['streamlined'] = $true }
        if ($ProxyUrl) { $request['proxyUrl'] = $ProxyUrl }
        # Routes 1, 2 and 4: the .reg export (WinHTTP and DataCollection), else the live registry on Windows.
        $settingsInput = Get-MDISettingsInput -Path $export -DnsSuffix $DnsSuffix
        if ($settingsInput -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($settingsInput) }
        if ($null -ne $settingsInput) {
            foreach ($key in @($settingsInput.Keys)) { $request[$key] = $settingsInput[$key] }
            if (-not $export) {
                $unified = Get-MDIUnifiedProxyInput
                if ($unified -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($unified) }
                foreach ($key in @($unified.Fields.Keys)) { $request[$key] = $unified.Fields[$key] }
            }
        }
        else {
            $message = 'Not on Windows and no -Path: no WinHTTP default proxy (route 1) and no TelemetryProxyServer (route 4) to read, so those routes do not exist'
            if ($DnsSuffix) {
                $request['dnsSuffix'] = $DnsSuffix
                $message += '; WPAD (route 2) is looked up under ' + $DnsSuffix
            }
            else { $message += ', nor does WPAD (route 2): give -DnsSuffix to look for wpad.<suffix>' }
            Write-Verbose ($message + '.')
        }
        if ($roots.Count -gt 0) { $request['trustedRoots'] = [string[]]$roots }
        $overrides = @($Resolve | Where-Object { -not [string]::IsNullOrEmpty($_) })
        if ($overrides.Count -gt 0) { $request['resolve'] = [string[]]$overrides }
        $throttle = 32
        if ($ThrottleLimit -gt 0) {
            $request['maxConnectionsPerProxy'] = $ThrottleLimit
            $throttle = $ThrottleLimit
        }
        # The engine bounds each probe by TimeoutSec, ThrottleLimit at once along a route; 48 is more
        # URLs than any region lists, so only a hung engine meets this limit.
        $limit = $TimeoutSec * [int][Math]::Ceiling(48.0 / $throttle)
        $engine = Invoke-MDIEngine -Request $request -Caller $PSCmdlet -ProgressActivity $activity -TimeLimitSec $limit
    }
    catch {
        $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
    }
    finally {
        Write-Progress -Activity $activity -Completed
    }

    $response = $engine.Response
    $urls = @(Get-MDIPropertyValue $response 'urls')
    # An engine error was already written as an ErrorRecord.
    if ($urls.Count -eq 0) {
        if ($Quiet) { return $false }
        return
    }
    foreach ($name in @('engineVersion', 'catalogVersion', 'streamlined', 'totalMs')) {
        Write-Verbose ('{0}: {1}' -f $name, (Get-MDIPropertyValue $response $name))
    }
    foreach ($route in @(Get-MDIPropertyValue $response 'routes')) {
        $state = "doesn't exist"
        if ([bool](Get-MDIPropertyValue $route 'exists')) {
            $state = 'direct'
            $proxy = Get-MDIPropertyValue $route 'proxy'
            if ($proxy) { $state = 'proxy ' + $proxy }
        }
        Write-Verbose ('{0} - {1}: {2} ({3})' -f (Get-MDIPropertyValue $route 'number'), (Get-MDIPropertyValue $route 'label'), $state, (Get-MDIPropertyValue $route 'reason'))
    }
    foreach ($note in @(Get-MDIPropertyValue $response 'notes')) { Write-Verbose ([string]$note) }

    $passed = [bool](Get-MDIPropertyValue $response 'passed')
    if (-not $passed) {
        $failed = @($urls | Where-Object { -not [bool](Get-MDIPropertyValue $_ 'passed') } | ForEach-Object { [string](Get-MDIPropertyValue $_ 'url') })
        $shown = @($failed | Select-Object -First 5) -join ', '
        if ($failed.Count -gt 5) { $shown += (', and {0} more' -f ($failed.Count - 5)) }
        Write-Warning ('{0} of {1} Defender for Endpoint URLs ({2}) were not reached along any route: {3}. Each route result''s Detail says why.' -f $failed.Count, $urls.Count, $regionName, $shown)
    }

    if ($Quiet) { return $passed }
    if ($AsAnalyzerText) { return [string](Get-MDIPropertyValue $response 'analyzerText') }
    $urls | ConvertTo-MDEUrlResult
}
