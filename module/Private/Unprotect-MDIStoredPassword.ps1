function Unprotect-MDIStoredPassword {
    <#
    .SYNOPSIS
    Decrypts the proxy password stored in SensorConfiguration.json with the sensor certificate's machine key; returns a PSCredential.
    .DESCRIPTION
    The only place the module uses a private key. As the sensor does: base64 EncryptedBytes,
    RSA-OAEP with SHA-256, with the private key of the certificate in LocalMachine\My named by
    -Thumbprint (the CertificateThumbprint stored with the password) or, when that is empty,
    -FallbackThumbprint (SecretManagerConfigurationCertificateThumbprint). The plain text is UTF-16LE.
    A legacy CAPI key (RSACryptoServiceProvider, which has no OAEP-SHA256 on .NET Framework) is opened
    again through CNG from the same machine key container.
    It goes straight from bytes to characters to a SecureString (never a [string]); the byte and
    character arrays are cleared before returning. The credential goes to the engine only through
    Invoke-MDIEngine (stdin). Reading a machine key needs an elevated session (or SYSTEM).
    Errors: MDI_CERTIFICATE_MISSING (no such certificate, or not on Windows; thrown by the store seam's
    Get-MDIMachineCertificate), MDI_PASSWORD_DECRYPT_FAILED (returned, not thrown: see Resolve-MDIFilePath).
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCredential], [System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $UserName,

        [Parameter(Mandatory = $true)]
        [string] $EncryptedData,

        [AllowEmptyString()]
        [string] $Thumbprint,

        [AllowEmptyString()]
        [string] $FallbackThumbprint
    )

    $chosen = $Thumbprint
    if ([string]::IsNullOrEmpty($chosen)) { $chosen = $FallbackThumbprint }
    $certificate = Get-MDIMachineCertificate -Thumbprint $chosen
    $cipher = $null
    $clear = $null
    $chars = $null
    $key = $null
    try {
        $key = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($certificate)
        if ($null -eq $key) {
            $message = 'The certificate {0} in LocalMachine\My has no RSA private key this session can use, so the stored proxy secret cannot be opened. Run elevated (the key belongs to the machine), or give the certificate with its key as -CertificatePath.' -f $certificate.Thumbprint
            return (New-MDIErrorRecord -ErrorId 'MDI_PASSWORD_DECRYPT_FAILED' -Category PermissionDenied -Message $message -TargetObject $certificate.Thumbprint)
        }
        $cipher = [Convert]::FromBase64String($EncryptedData)
        try { $clear = $key.Decrypt($cipher, [System.Security.Cryptography.RSAEncryptionPadding]::OaepSHA256) }
        catch {
            if ($key -isnot [System.Security.Cryptography.RSACryptoServiceProvider]) { throw }
            # A legacy (CAPI) key: .NET Framework's CSP class has no OAEP-SHA256, but CNG opens the same
            # machine key container and has it.
            $clear = Invoke-MDICngMachineKeyDecrypt -ContainerName $key.CspKeyContainerInfo.KeyContainerName -Cipher $cipher
        }
        $chars = [System.Text.Encoding]::Unicode.GetChars($clear)
        $secure = New-MDISecureString -Chars $chars
        [System.Management.Automation.PSCredential]::new($UserName, $secure)
    }
    catch {
        if ([string]$_.FullyQualifiedErrorId -like 'MDI_*') { throw }
        $cause = $_.Exception
        if ($cause -is [System.Management.Automation.MethodInvocationException] -and $null -ne $cause.InnerException) { $cause = $cause.InnerException }
        $message = 'Could not decrypt the stored proxy secret with the certificate {0} (RSA-OAEP SHA-256): {1} Run elevated (the private key belongs to the machine); if the message says the key is missing or does not match, the configuration was written for another certificate: set the proxy again with Set-MDISensorProxyConfiguration.' -f $certificate.Thumbprint, $cause.Message
        return (New-MDIErrorRecord -ErrorId 'MDI_PASSWORD_DECRYPT_FAILED' -Category SecurityError -Message $message -TargetObject $certificate.Thumbprint -InnerException $cause)
    }
    finally {
        if ($null -ne $clear) { [Array]::Clear($clear, 0, $clear.Length) }
        if ($null -ne $chars) { [Array]::Clear($chars, 0, $chars.Length) }
        if ($null -ne $cipher) { [Array]::Clear($cipher, 0, $cipher.Length) }
        if ($null -ne $key -and $key -is [System.IDisposable]) { $key.Dispose() }
        $clear = $null
        $chars = $null
    }
}
