function Read-MDITrustedRootCertificate {
    <#
    .SYNOPSIS
    Reads the -TrustedRootCertificate files of the test commands into the PEM texts the engine takes (trustedRoots).
    .DESCRIPTION
    Shared by Test-MDIConnectivity (through New-MDITestRequest) and Test-MDEConnectivity. Paths resolve
    against the PowerShell location and may hold wildcards; a file that is not PEM (a .cer exported
    from the Windows certificate store is often DER) is wrapped into PEM here. A path that matches
    nothing is MDI_INVALID_ARGUMENT, the id this parameter has always reported. Returns one string
    per file, nothing when no path is given.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [AllowNull()]
        [AllowEmptyCollection()]
        [string[]] $Path
    )

    foreach ($pattern in @($Path)) {
        if ([string]::IsNullOrEmpty($pattern)) { continue }
        foreach ($file in @(Resolve-MDIFilePath -Path $pattern -Wildcard -ErrorId 'MDI_INVALID_ARGUMENT' -Purpose 'the TrustedRootCertificate file')) {
            $text = [System.IO.File]::ReadAllText($file)
            if ($text -notmatch '-----BEGIN CERTIFICATE-----') {
                $der = [System.IO.File]::ReadAllBytes($file)
                $text = "-----BEGIN CERTIFICATE-----`n{0}`n-----END CERTIFICATE-----`n" -f [Convert]::ToBase64String($der, [Base64FormattingOptions]::InsertLineBreaks)
            }
            Write-Verbose ('Trusting the root certificate(s) in {0}' -f $file)
            $text
        }
    }
}
