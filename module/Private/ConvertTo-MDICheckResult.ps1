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
        $phases = @(foreach ($phase in @(Get-MDIPropertyValue $Check 'phases')) {
                [pscustomobject]@{
                    PSTypeName = 'MDIConnectivity.PhaseResult'
                    Name       = [string](Get-MDIPropertyValue $phase 'name')
                    Ms         = [double](Get-MDIPropertyValue $phase 'ms')
                    Ok         = [bool](Get-MDIPropertyValue $phase 'ok')
                    Note       = [string](Get-MDIPropertyValue $phase 'note')
                }
            })

        $chain = @(foreach ($certificate in @(Get-MDIPropertyValue $Check 'certificateChain')) {
                $dates = @{}
                foreach ($name in @('notBefore', 'notAfter')) {
                    $value = Get-MDIPropertyValue $certificate $name
                    $parsed = [datetime]::MinValue
                    $styles = [System.Globalization.DateTimeStyles]::AssumeUniversal -bor [System.Globalization.DateTimeStyles]::AdjustToUniversal
                    if ($value -is [datetime]) { $value = $value.ToUniversalTime() }
                    elseif ($value -is [string] -and [datetime]::TryParse($value, [System.Globalization.CultureInfo]::InvariantCulture, $styles, [ref]$parsed)) { $value = $parsed }
                    $dates[$name] = $value
                }
                [pscustomobject]@{
                    PSTypeName   = 'MDIConnectivity.CertificateInfo'
                    Subject      = [string](Get-MDIPropertyValue $certificate 'subject')
                    Issuer       = [string](Get-MDIPropertyValue $certificate 'issuer')
                    Thumbprint   = [string](Get-MDIPropertyValue $certificate 'thumbprint')
                    Sha256       = [string](Get-MDIPropertyValue $certificate 'sha256')
                    NotBefore    = $dates['notBefore']
                    NotAfter     = $dates['notAfter']
                    SelfSigned   = [bool](Get-MDIPropertyValue $certificate 'selfSigned')
                    RecognizedAs = Get-MDIPropertyValue $certificate 'recognizedAs'
                }
            })

        $proxyAnswer = $null
        $answer = Get-MDIPropertyValue $Check 'proxyAnswer'
        if ($null -ne $answer) {
            $headers = Get-MDIPropertyValue $answer 'headers'
            if ($null -eq $headers) { $headers = [pscustomobject]@{} }
            $proxyAnswer = [pscustomobject]@{
                PSTypeName  = 'MDIConnectivity.ProxyAnswer'
                StatusCode  = [int](Get-MDIPropertyValue $answer 'statusCode')
                StatusText  = [string](Get-MDIPropertyValue $answer 'statusText')
                Headers     = $headers
                AuthSchemes = [string[]]@(Get-MDIPropertyValue $answer 'authSchemes')
                AuthScheme  = Get-MDIPropertyValue $answer 'authScheme'
            }
        }

        # Nullable numbers stay $null rather than becoming 0: "no HTTP status" is not status 0.
        $httpStatus = Get-MDIPropertyValue $Check 'httpStatus'
        if ($null -ne $httpStatus) { $httpStatus = [int]$httpStatus }

        [pscustomobject]@{
            PSTypeName       = 'MDIConnectivity.CheckResult'
            Category         = [string](Get-MDIPropertyValue $Check 'category')
            Target           = [string](Get-MDIPropertyValue $Check 'target')
            EndpointId       = [string](Get-MDIPropertyValue $Check 'endpointId')
            Required         = [bool](Get-MDIPropertyValue $Check 'required')
            Host             = [string](Get-MDIPropertyValue $Check 'host')
            Port             = [int](Get-MDIPropertyValue $Check 'port')
            Verdict          = [string](Get-MDIPropertyValue $Check 'verdict')
            Passed           = [bool](Get-MDIPropertyValue $Check 'passed')
            HttpStatus       = $httpStatus
            Proxy            = Get-MDIPropertyValue $Check 'proxy'
            TotalMs          = [double](Get-MDIPropertyValue $Check 'totalMs')
            Detail           = [string](Get-MDIPropertyValue $Check 'detail')
            Remediation      = [string](Get-MDIPropertyValue $Check 'remediation')
            FailedPhase      = Get-MDIPropertyValue $Check 'failedPhase'
            Addresses        = [string[]]@(Get-MDIPropertyValue $Check 'addresses')
            ResponseBody     = Get-MDIPropertyValue $Check 'responseBody'
            ProxyAnswer      = $proxyAnswer
            CertificateChain = $chain
            TlsProtocol      = Get-MDIPropertyValue $Check 'tlsProtocol'
            Phases           = $phases
            RouteSource      = [string](Get-MDIPropertyValue $Check 'routeSource')
            RouteAccounts    = [string[]]@(Get-MDIPropertyValue $Check 'routeAccounts')
            RouteReason      = [string](Get-MDIPropertyValue $Check 'routeReason')
        }
    }
}
