function Invoke-MDICngMachineKeyDecrypt {
    <#
    .SYNOPSIS
    Windows-only seam: decrypts RSA-OAEP SHA-256 with a machine key opened through CNG from its CAPI key container name.
    .DESCRIPTION
    For a legacy (CAPI) sensor certificate key: .NET Framework's RSACryptoServiceProvider has no
    OAEP-SHA256, but CNG opens the same machine key container and has it. Returns the plain bytes; the
    caller clears them.
    #>
    [CmdletBinding()]
    [OutputType([byte[]])]
    param(
        [Parameter(Mandatory = $true)]
        [string] $ContainerName,

        [Parameter(Mandatory = $true)]
        [byte[]] $Cipher
    )

    $cngKey = [System.Security.Cryptography.CngKey]::Open($ContainerName, [System.Security.Cryptography.CngProvider]::MicrosoftSoftwareKeyStorageProvider, [System.Security.Cryptography.CngKeyOpenOptions]::MachineKey)
    $cng = [System.Security.Cryptography.RSACng]::new($cngKey)
    try { , $cng.Decrypt($Cipher, [System.Security.Cryptography.RSAEncryptionPadding]::OaepSHA256) }
    finally { $cng.Dispose(); $cngKey.Dispose() }
}
