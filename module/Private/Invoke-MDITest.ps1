function Invoke-MDITest {
    <#
    .SYNOPSIS
    The run both public commands share: build the request, run the engine with a progress bar, convert the checks.
    .DESCRIPTION
    Returns [pscustomobject]@{ Checks; Passed; ExitCode; Response }. Passed is $true only when the
    engine returned at least one check and every check passed; an engine error (already written as an
    ErrorRecord through -Caller) leaves Checks empty and Passed $false.
    The engine's notes (how the routes were chosen) reach the verbose stream from the engine itself, and the warning
    stream when they say the service accounts take different routes.
    Terminating errors are thrown as ErrorRecords with MDI_* ids for the public command to re-throw.
    -SensorConfiguration Optional/Required adds the classic sensor's SensorConfiguration.json
    (Get-MDISensorRouteInput); a password the module opened with the machine key reaches the engine
    only as the seam's credential.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
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
        [System.Security.SecureString] $CertificatePassword
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
            -SensorConfigurationPath $configurationFile -CertificatePath $certificateFile
        $engine = Invoke-MDIEngine -Request $request -ProxyCredential $seamCredential -CertificatePassword $CertificatePassword -Caller $Caller -ProgressActivity $activity
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
    $failed = @($checks | Where-Object { -not $_.Passed })
    [pscustomobject]@{
        Checks   = $checks
        Passed   = ($checks.Count -gt 0 -and $failed.Count -eq 0)
        ExitCode = $engine.ExitCode
        Response = $response
    }
}
