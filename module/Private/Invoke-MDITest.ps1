function Invoke-MDITest {
    <#
    .SYNOPSIS
    The run both public commands share: build the request, run the engine with a progress bar, convert the checks.
    .DESCRIPTION
    Returns [pscustomobject]@{ Checks; RootChecks; Passed; ExitCode; Response }. Checks are the engine's
    checks (the sensor API first, then the allowlist URLs, each along every route); RootChecks one
    CheckResult-typed object per required root of the root report (none with -SkipAllowlist). Passed
    is the engine's overall answer (every required check passed and every required root is present),
    and $false when it returned no check; an engine error (already written as an ErrorRecord through
    -Caller) leaves Checks empty and Passed $false.
    The engine's notes (how the routes were chosen) reach the verbose stream from the engine itself, and the warning
    stream when they say the service accounts take different routes.
    A bad file parameter is returned as its MDI_* ErrorRecord (not thrown: see Resolve-MDIFilePath) for the
    public command to throw, once; other terminating errors of the helpers it calls are thrown.
    -SensorConfiguration Optional/Required adds the classic sensor's SensorConfiguration.json
    (Get-MDISensorRouteInput); a password the module opened with the machine key reaches the engine
    only as the seam's credential.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject], [System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet] $Caller,

        [string] $WorkspaceName,
        [string] $Cloud,
        [string] $SensorApiUrl,
        [string] $ProxyUrl,
        [AllowNull()]
        [System.Management.Automation.PSCredential] $ProxyCredential,
        [string[]] $TrustedRootCertificate,
        [string[]] $Resolve,
        [int] $TimeoutSec = 10,
        [string] $ProxySource,
        [string] $Path,
        [string] $PacUrl,
        [string] $DnsSuffix,

        # The classic sensor's SensorConfiguration.json: None (not used), Optional (used when one is
        # found: Auto on a live machine), Required (-ProxySource SensorConfiguration, or a path given).
        [ValidateSet('None', 'Optional', 'Required')]
        [string] $SensorConfiguration = 'None',
        [string] $SensorConfigurationPath,
        [string] $CertificatePath,
        [AllowNull()]
        [System.Security.SecureString] $CertificatePassword,

        # allowlist = false: the sensor API only (Test-MDISensorApiConnection, -SkipAllowlist).
        [switch] $SkipAllowlist,
        [switch] $IncludeLegacyEndpoints,
        [int] $ThrottleLimit,
        [string] $RootStorePath
    )

    $activity = 'Testing MDI connectivity'
    $target = $SensorApiUrl
    if ([string]::IsNullOrEmpty($target)) { $target = "workspace $WorkspaceName" }
    if ([string]::IsNullOrEmpty($SensorApiUrl) -and [string]::IsNullOrEmpty($WorkspaceName)) { $target = 'the endpoint in the sensor configuration' }
    Write-Progress -Activity $activity -Status ('Starting the engine for {0}' -f $target)
    try {
        $route = $null
        if ($SensorConfiguration -ne 'None') {
            Write-Progress -Activity $activity -Status 'Reading the sensor configuration'
            $route = Get-MDISensorRouteInput -Caller $Caller -SensorConfigurationPath $SensorConfigurationPath -CertificatePath $CertificatePath -Optional:($SensorConfiguration -eq 'Optional')
            if ($route -is [System.Management.Automation.ErrorRecord]) { return $route }
            if ($null -ne $route -and $route.Failed) {
                return [pscustomobject]@{ Checks = @(); Passed = $false; ExitCode = 2; Response = $null }
            }
        }
        # An explicit -ProxyCredential is the caller's; otherwise the one opened from the sensor configuration.
        $seamCredential = $ProxyCredential
        $configurationFile = $null
        $certificateFile = $null
        if ($null -ne $route) {
            $configurationFile = $route.Path
            $certificateFile = $route.CertificatePath
            if (($null -eq $ProxyCredential -or [string]::IsNullOrEmpty($ProxyCredential.UserName)) -and $null -ne $route.Credential) { $seamCredential = $route.Credential }
        }
        $request = New-MDITestRequest -WorkspaceName $WorkspaceName -Cloud $Cloud -SensorApiUrl $SensorApiUrl `
            -ProxyUrl $ProxyUrl -ProxyCredential $ProxyCredential -TrustedRootCertificate $TrustedRootCertificate `
            -Resolve $Resolve -TimeoutSec $TimeoutSec -ProxySource $ProxySource -Path $Path -PacUrl $PacUrl -DnsSuffix $DnsSuffix `
            -SensorConfigurationPath $configurationFile -CertificatePath $certificateFile `
            -SkipAllowlist:$SkipAllowlist -IncludeLegacyEndpoints:$IncludeLegacyEndpoints -ThrottleLimit $ThrottleLimit -RootStorePath $RootStorePath
        if ($request -is [System.Management.Automation.ErrorRecord]) { return $request }
        # The engine bounds each probe by TimeoutSec and runs at most ThrottleLimit (default 32) at once
        # along a route; 48 is more URLs than any allowlist holds, so only a hung engine meets this limit.
        $throttle = 32
        if ($ThrottleLimit -gt 0) { $throttle = $ThrottleLimit }
        $waves = 1
        if (-not $SkipAllowlist -or $IncludeLegacyEndpoints) { $waves = [int][Math]::Ceiling(48.0 / $throttle) }
        $engine = Invoke-MDIEngine -Request $request -ProxyCredential $seamCredential -CertificatePassword $CertificatePassword -Caller $Caller -ProgressActivity $activity -TimeLimitSec ($TimeoutSec * $waves)
    }
    finally {
        Write-Progress -Activity $activity -Completed
    }

    $response = $engine.Response
    foreach ($name in @('engineVersion', 'nodeVersion', 'endpointNote')) {
        $value = Get-MDIPropertyValue $response $name
        if ($null -ne $value) { Write-Verbose ('{0}: {1}' -f $name, $value) }
    }
    # The engine already streamed its notes as verbose lines; only the one an admin must not miss is repeated.
    foreach ($note in @(Get-MDIPropertyValue $response 'notes')) {
        if ([string]$note -match 'different routes') { Write-Warning ([string]$note) }
    }
    $checks = @(Get-MDIPropertyValue $response 'checks' | ConvertTo-MDICheckResult)
    $report = Get-MDIPropertyValue $response 'rootCertificates'
    $rootChecks = @()
    if ($null -ne $report) {
        Write-Verbose ('Root certificates ({0}): {1}' -f (Get-MDIPropertyValue $report 'store'), (Get-MDIPropertyValue $report 'detail'))
        $rootChecks = @(ConvertTo-MDIRootCertificateCheck -Report $report)
    }
    $totalMs = Get-MDIPropertyValue $response 'totalMs'
    if ($null -ne $totalMs) { Write-Verbose ('Engine run: {0} ms for {1} check(s).' -f [int][Math]::Round([double]$totalMs), $checks.Count) }
    # Optional allowlist entries are reported but never fail the test: the engine's own answer decides.
    $passed = $checks.Count -gt 0 -and [bool](Get-MDIPropertyValue $response 'passed')
    [pscustomobject]@{
        Checks     = $checks
        RootChecks = $rootChecks
        Passed     = $passed
        ExitCode   = $engine.ExitCode
        Response   = $response
    }
}
