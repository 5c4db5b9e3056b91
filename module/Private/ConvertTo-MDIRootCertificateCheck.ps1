function ConvertTo-MDIRootCertificateCheck {
    <#
    .SYNOPSIS
    Turns the engine's root-certificate report into one MDIConnectivity.CheckResult per required root.
    .DESCRIPTION
    The test response's rootCertificates (RootCertificateReport in src/contract/catalog-types.ts) lists
    the root the cloud requires and, for information, other roots Azure chains may end at. Each
    required root becomes an object with the CheckResult shape (the same properties as
    ConvertTo-MDICheckResult writes, so one table shows the URL checks and the roots): Category
    RootCertificate, Target the root's name, EndpointId root.<thumbprint>, Required $true, Verdict
    Pass, CertificateUntrusted (not in the store) or CertificateExpired, Passed, and the report's
    Detail and Remediation (they are about the required root). Network fields stay $null or empty.
    A root is required when its status says required = true, or, from an engine without that field,
    when its requiredFor text does not call it informational; informational roots go to the verbose
    stream only, since they never change the result.
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.CheckResult')]
    param(
        [Parameter(Mandatory = $true)]
        [psobject] $Report
    )

    $store = [string](Get-MDIPropertyValue $Report 'store')
    $detail = [string](Get-MDIPropertyValue $Report 'detail')
    $remediation = [string](Get-MDIPropertyValue $Report 'remediation')
    foreach ($root in @(Get-MDIPropertyValue $Report 'roots')) {
        $name = [string](Get-MDIPropertyValue $root 'name')
        $thumbprint = ([string](Get-MDIPropertyValue $root 'thumbprint')).ToUpperInvariant()
        $requiredFor = [string](Get-MDIPropertyValue $root 'requiredFor')
        $present = [bool](Get-MDIPropertyValue $root 'present')
        $expired = [bool](Get-MDIPropertyValue $root 'expired')
        $required = $requiredFor -notmatch 'informational'
        if ($null -ne $root.PSObject.Properties['required']) { $required = [bool]$root.PSObject.Properties['required'].Value }

        $verdict = 'Pass'
        if (-not $present) { $verdict = 'CertificateUntrusted' }
        elseif ($expired) { $verdict = 'CertificateExpired' }
        if (-not $required) {
            $line = '{0} ({1}), {2}: {3} in {4}' -f $name, $thumbprint, $requiredFor, $verdict, $store
            $until = Get-MDIPropertyValue $root 'notAfter'
            if ($null -ne $until) { $line += ', valid until ' + [string]$until }
            Write-Verbose ($line + '.')
            continue
        }

        [pscustomobject]@{
            PSTypeName       = 'MDIConnectivity.CheckResult'
            Category         = 'RootCertificate'
            Target           = $name
            EndpointId       = 'root.' + $thumbprint
            Required         = $true
            Host             = $null
            Port             = $null
            Verdict          = $verdict
            Passed           = ($verdict -eq 'Pass')
            HttpStatus       = $null
            Proxy            = $null
            TotalMs          = $null
            Detail           = $detail
            Remediation      = $remediation
            FailedPhase      = $null
            Addresses        = [string[]]@()
            ResponseBody     = $null
            ProxyAnswer      = $null
            CertificateChain = @()
            TlsProtocol      = $null
            Phases           = @()
            RouteSource      = $null
            RouteAccounts    = [string[]]@()
            RouteReason      = $null
        }
    }
}
