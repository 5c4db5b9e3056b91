# The report document's format version (src/contract/report-types.ts ConnectivityReport.schemaVersion).
$script:MDIReportFormatVersion = 1

function ConvertTo-MDIReportModel {
    <#
    .SYNOPSIS
    Turns CheckResult objects (live, or deserialized from a fleet run) into the report document of src/contract/report-types.ts.
    .DESCRIPTION
    Results are grouped by host: ComputerName (fleet runs), else PSComputerName (Invoke-Command), else
    this machine's name. A host's verdict is that of its first failed required check, else Pass.
    Hosts come failing first, then by name; the summary has one line per verdict, failing verdicts
    first (most hosts first), Pass last. Property names and types follow the generated JSON Schema
    (module/schema/connectivity-report.schema.json); values are kept as received, unescaped: the HTML
    renderer escapes them.
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [object[]] $Result
    )

    $hosts = [ordered]@{}
    foreach ($item in $Result) {
        $name = [string](Get-MDIPropertyValue $item 'ComputerName')
        if (-not $name) { $name = [string](Get-MDIPropertyValue $item 'PSComputerName') }
        if (-not $name) { $name = [System.Net.Dns]::GetHostName() }
        if (-not $hosts.Contains($name)) { $hosts[$name] = New-Object -TypeName System.Collections.Generic.List[object] }
        $hosts[$name].Add((ConvertTo-MDIReportCheck -Check $item))
    }

    $entries = @(foreach ($name in $hosts.Keys) {
            $checks = $hosts[$name].ToArray()
            $failed = @($checks | Where-Object { $_.required -and -not $_.passed })
            $verdict = 'Pass'
            if ($failed.Count -gt 0) { $verdict = $failed[0].verdict }
            [ordered]@{ computerName = $name; verdict = $verdict; passed = ($failed.Count -eq 0); checks = $checks }
        })
    $entries = @($entries | Sort-Object -Property @{ Expression = { $_.passed } }, @{ Expression = { $_.computerName } })
    $summary = @($entries | Group-Object -Property { $_.verdict } |
            Sort-Object -Property @{ Expression = { $_.Name -eq 'Pass' } }, @{ Expression = { $_.Count }; Descending = $true }, @{ Expression = { $_.Name } } |
            ForEach-Object { [ordered]@{ verdict = $_.Name; hosts = $_.Count } })

    $module = $ExecutionContext.SessionState.Module
    [ordered]@{
        schemaVersion    = $script:MDIReportFormatVersion
        generatedAt      = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
        generatedBy      = ('MDIConnectivity {0}' -f $module.Version)
        hostCount        = $entries.Count
        failingHostCount = @($entries | Where-Object { -not $_.passed }).Count
        summary          = $summary
        hosts            = $entries
    }
}

function ConvertTo-MDIReportCheck {
    # One CheckResult as a report check; missing properties get the schema's empty values.
    param([Parameter(Mandatory = $true)] [psobject] $Check)

    $text = {
        param($name)
        $value = Get-MDIPropertyValue $Check $name
        if ($null -eq $value) { return '' }
        [string]$value
    }
    $iso = {
        param($value)
        if ($value -is [datetime]) { return $value.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture) }
        if ($value) { return [string]$value }
        $null
    }
    $httpStatus = Get-MDIPropertyValue $Check 'HttpStatus'
    if ($null -ne $httpStatus) { $httpStatus = [int]$httpStatus }
    $responseBody = Get-MDIPropertyValue $Check 'ResponseBody'
    if ($null -ne $responseBody) { $responseBody = [string]$responseBody }
    $proxy = Get-MDIPropertyValue $Check 'Proxy'
    if ($null -ne $proxy) { $proxy = [string]$proxy }
    $failedPhase = Get-MDIPropertyValue $Check 'FailedPhase'
    if ($null -ne $failedPhase) { $failedPhase = [string]$failedPhase }
    [ordered]@{
        category         = & $text 'Category'
        target           = & $text 'Target'
        endpointId       = & $text 'EndpointId'
        required         = [bool](Get-MDIPropertyValue $Check 'Required')
        verdict          = & $text 'Verdict'
        passed           = [bool](Get-MDIPropertyValue $Check 'Passed')
        detail           = & $text 'Detail'
        remediation      = & $text 'Remediation'
        httpStatus       = $httpStatus
        responseBody     = $responseBody
        proxy            = $proxy
        failedPhase      = $failedPhase
        totalMs          = [double](Get-MDIPropertyValue $Check 'TotalMs')
        routeSource      = & $text 'RouteSource'
        routeReason      = & $text 'RouteReason'
        phases           = @(foreach ($phase in @(Get-MDIPropertyValue $Check 'Phases')) {
                [ordered]@{ name = [string]$phase.Name; ms = [double]$phase.Ms; ok = [bool]$phase.Ok; note = [string]$phase.Note }
            })
        certificateChain = @(foreach ($certificate in @(Get-MDIPropertyValue $Check 'CertificateChain')) {
                $recognized = Get-MDIPropertyValue $certificate 'RecognizedAs'
                if ($null -ne $recognized) { $recognized = [string]$recognized }
                [ordered]@{
                    subject      = [string]$certificate.Subject
                    issuer       = [string]$certificate.Issuer
                    thumbprint   = [string]$certificate.Thumbprint
                    notBefore    = & $iso (Get-MDIPropertyValue $certificate 'NotBefore')
                    notAfter     = & $iso (Get-MDIPropertyValue $certificate 'NotAfter')
                    recognizedAs = $recognized
                }
            })
    }
}
