function ConvertTo-MDICheckResult {
    <#
    .SYNOPSIS
    Turns one engine checks[] item into an MDIConnectivity.CheckResult object.
    .DESCRIPTION
    Properties are rebuilt from strings, numbers, booleans, arrays and [pscustomobject]s only, so a
    result survives Invoke-Command (remoting serialization) across domain controllers intact, and the
    format view also matches the Deserialized.* copy. Dates are normalized to UTC [datetime]:
    PowerShell 7's ConvertFrom-Json already turns ISO strings into dates, 5.1's does not.
    Category, EndpointId and Required say which allowlist entry a check is (SensorApi, CertificateAllowlist,
    CertificateRevocation, LegacyRegional); ConvertTo-MDIRootCertificateCheck builds the same shape
    for the required roots (Category RootCertificate), so one table shows both.
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.CheckResult')]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [psobject] $Check
    )

    process {
        $c = ConvertTo-MDIPropertyTable $Check
        $phases = @(foreach ($phase in @($c['phases'])) {
                if ($null -eq $phase) { continue }
                $p = ConvertTo-MDIPropertyTable $phase
                [pscustomobject]@{
                    PSTypeName = 'MDIConnectivity.PhaseResult'
                    Name       = [string]$p['name']
                    Ms         = [double]$p['ms']
                    Ok         = [bool]$p['ok']
                    Note       = [string]$p['note']
                }
            })

        $styles = [System.Globalization.DateTimeStyles]::AssumeUniversal -bor [System.Globalization.DateTimeStyles]::AdjustToUniversal
        $chain = @(foreach ($certificate in @($c['certificateChain'])) {
                if ($null -eq $certificate) { continue }
                $x = ConvertTo-MDIPropertyTable $certificate
                foreach ($name in @('notBefore', 'notAfter')) {
                    $value = $x[$name]
                    $parsed = [datetime]::MinValue
                    if ($value -is [datetime]) { $x[$name] = $value.ToUniversalTime() }
                    elseif ($value -is [string] -and [datetime]::TryParse($value, [System.Globalization.CultureInfo]::InvariantCulture, $styles, [ref]$parsed)) { $x[$name] = $parsed }
                }
                [pscustomobject]@{
                    PSTypeName   = 'MDIConnectivity.CertificateInfo'
                    Subject      = [string]$x['subject']
                    Issuer       = [string]$x['issuer']
                    Thumbprint   = [string]$x['thumbprint']
                    Sha256       = [string]$x['sha256']
                    NotBefore    = $x['notBefore']
                    NotAfter     = $x['notAfter']
                    SelfSigned   = [bool]$x['selfSigned']
                    RecognizedAs = $x['recognizedAs']
                }
            })

        $proxyAnswer = $null
        if ($null -ne $c['proxyAnswer']) {
            $a = ConvertTo-MDIPropertyTable $c['proxyAnswer']
            $headers = $a['headers']
            if ($null -eq $headers) { $headers = [pscustomobject]@{} }
            $schemes = [string[]]@()
            if ($null -ne $a['authSchemes']) { $schemes = [string[]]$a['authSchemes'] }
            $proxyAnswer = [pscustomobject]@{
                PSTypeName  = 'MDIConnectivity.ProxyAnswer'
                StatusCode  = [int]$a['statusCode']
                StatusText  = [string]$a['statusText']
                Headers     = $headers
                AuthSchemes = $schemes
                AuthScheme  = $a['authScheme']
            }
        }

        # Nullable numbers stay $null rather than becoming 0: "no HTTP status" is not status 0.
        $httpStatus = $c['httpStatus']
        if ($null -ne $httpStatus) { $httpStatus = [int]$httpStatus }
        $addresses = [string[]]@()
        if ($null -ne $c['addresses']) { $addresses = [string[]]$c['addresses'] }
        $accounts = [string[]]@()
        if ($null -ne $c['routeAccounts']) { $accounts = [string[]]$c['routeAccounts'] }

        # Absent values are read from the hashtable as real $null (see ConvertTo-MDIPropertyTable).
        [pscustomobject]@{
            PSTypeName       = 'MDIConnectivity.CheckResult'
            Category         = [string]$c['category']
            Target           = [string]$c['target']
            EndpointId       = [string]$c['endpointId']
            Required         = [bool]$c['required']
            Host             = [string]$c['host']
            Port             = [int]$c['port']
            Verdict          = [string]$c['verdict']
            Passed           = [bool]$c['passed']
            HttpStatus       = $httpStatus
            Proxy            = $c['proxy']
            TotalMs          = [double]$c['totalMs']
            Detail           = [string]$c['detail']
            Remediation      = [string]$c['remediation']
            FailedPhase      = $c['failedPhase']
            Addresses        = $addresses
            ResponseBody     = $c['responseBody']
            ProxyAnswer      = $proxyAnswer
            CertificateChain = $chain
            TlsProtocol      = $c['tlsProtocol']
            Phases           = $phases
            RouteSource      = [string]$c['routeSource']
            RouteAccounts    = $accounts
            RouteReason      = [string]$c['routeReason']
        }
    }
}
