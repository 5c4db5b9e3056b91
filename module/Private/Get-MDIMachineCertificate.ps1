function Get-MDIMachineCertificate {
    <#
    .SYNOPSIS
    Returns the certificate with the given thumbprint from LocalMachine\My (Cert:\LocalMachine\My\<thumbprint>), or throws MDI_CERTIFICATE_MISSING.
    .DESCRIPTION
    The sensor protects the proxy password with the certificate named in SensorConfiguration.json
    (SecretManagerConfigurationCertificateThumbprint, or the CertificateThumbprint stored with the
    password). The store is opened through .NET rather than the Cert: drive, which PowerShell 7 only
    creates once Microsoft.PowerShell.Security is loaded (Find-MDIStoreCertificate makes that call).
    Windows only; elsewhere the message says to give -CertificatePath. The caller disposes nothing:
    the certificate is returned as found.
    #>
    [CmdletBinding()]
    [OutputType([System.Security.Cryptography.X509Certificates.X509Certificate2])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string] $Thumbprint
    )

    $clean = ($Thumbprint -replace '[^0-9A-Fa-f]', '').ToUpperInvariant()
    if (-not (Test-MDIWindows)) {
        $message = 'The sensor certificate {0} is in the machine certificate store of the domain controller, which exists only on Windows. Export it there (with its private key to decrypt, PFX) and give the file with -CertificatePath (and -CertificatePassword).' -f $clean
        throw (New-MDIErrorRecord -ErrorId 'MDI_CERTIFICATE_MISSING' -Category NotImplemented -Message $message -TargetObject $clean)
    }
    if ($clean.Length -eq 0) {
        $message = 'The sensor configuration names no certificate thumbprint (SecretManagerConfigurationCertificateThumbprint), so there is no certificate to protect or open the proxy credentials with.'
        throw (New-MDIErrorRecord -ErrorId 'MDI_CERTIFICATE_MISSING' -Category ObjectNotFound -Message $message)
    }
    $found = $null
    try { $found = @(Find-MDIStoreCertificate -Thumbprint $clean) }
    catch {
        $message = 'Cannot open Cert:\LocalMachine\My to look for the sensor certificate {0}: {1}' -f $clean, $_.Exception.Message
        throw (New-MDIErrorRecord -ErrorId 'MDI_CERTIFICATE_MISSING' -Category ReadError -Message $message -TargetObject $clean -InnerException $_.Exception)
    }
    if ($found.Count -eq 0) {
        $message = 'The sensor certificate {0} is not in Cert:\LocalMachine\My on this machine. It is created when the sensor is installed: check the thumbprint in SensorConfiguration.json, or run where the sensor is installed, or give the certificate file with -CertificatePath.' -f $clean
        throw (New-MDIErrorRecord -ErrorId 'MDI_CERTIFICATE_MISSING' -Category ObjectNotFound -Message $message -TargetObject $clean)
    }
    $found[0]
}
