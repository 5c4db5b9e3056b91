function Find-MDIStoreCertificate {
    <#
    .SYNOPSIS
    Windows-only seam: the certificates with this thumbprint in LocalMachine\My (none, or one); throws when the store cannot be opened.
    .DESCRIPTION
    Through .NET rather than the Cert: drive, which PowerShell 7 only creates once
    Microsoft.PowerShell.Security is loaded. Get-MDIMachineCertificate turns the outcome into the
    certificate or MDI_CERTIFICATE_MISSING.
    #>
    [CmdletBinding()]
    [OutputType([System.Security.Cryptography.X509Certificates.X509Certificate2])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Thumbprint
    )

    $store = [System.Security.Cryptography.X509Certificates.X509Store]::new([System.Security.Cryptography.X509Certificates.StoreName]::My, [System.Security.Cryptography.X509Certificates.StoreLocation]::LocalMachine)
    try {
        $store.Open([System.Security.Cryptography.X509Certificates.OpenFlags]'ReadOnly, OpenExistingOnly')
        @($store.Certificates.Find([System.Security.Cryptography.X509Certificates.X509FindType]::FindByThumbprint, $Thumbprint, $false))
    }
    finally {
        $store.Close()
    }
}
