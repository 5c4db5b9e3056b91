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
        [string] $DnsSuffix
    )

    $activity = 'Testing MDI connectivity'
    $target = $SensorApiUrl
    if ([string]::IsNullOrEmpty($target)) { $target = "workspace $WorkspaceName" }
    Write-Progress -Activity $activity -Status ('Starting the engine for {0}' -f $target)
    try {
        $request = New-MDITestRequest -WorkspaceName $WorkspaceName -Cloud $Cloud -SensorApiUrl $SensorApiUrl `
            -ProxyUrl $ProxyUrl -ProxyCredential $ProxyCredential -TrustedRootCertificate $TrustedRootCertificate `
            -Resolve $Resolve -TimeoutSec $TimeoutSec -ProxySource $ProxySource -Path $Path -PacUrl $PacUrl -DnsSuffix $DnsSuffix
        $engine = Invoke-MDIEngine -Request $request -ProxyCredential $ProxyCredential -Caller $Caller -ProgressActivity $activity
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
