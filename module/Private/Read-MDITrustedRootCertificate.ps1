function Read-MDITrustedRootCertificate {
    <#
    .SYNOPSIS
    Reads the -TrustedRootCertificate files of the test commands into the PEM texts the engine takes (trustedRoots).
    .DESCRIPTION
    Shared by Test-MDIConnectivity (through New-MDITestRequest) and Test-MDEConnectivity. Paths resolve
    against the PowerShell location and may hold wildcards; a file that is not PEM (a .cer exported
    from the Windows certificate store is often DER) is wrapped into PEM here. A path that matches
    nothing is MDI_FILE_NOT_FOUND, as for every other file parameter. Returns one string per file,
    nothing when no path is given, or the ErrorRecord of the first path that names no file.
    #>
    [CmdletBinding()]
    [OutputType([string], [System.Management.Automation.ErrorRecord])]
    param(
        [AllowNull()]
        [AllowEmptyCollection()]
        [string[]] $Path
    )

    $texts = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($pattern in @($Path)) {
        if ([string]::IsNullOrEmpty($pattern)) { continue }
        $files = @(Resolve-MDIFilePath -Path $pattern -Wildcard -Purpose 'the -TrustedRootCertificate file')
        # A missing file is returned, not thrown (Resolve-MDIFilePath says why).
        if ($files.Count -eq 1 -and $files[0] -is [System.Management.Automation.ErrorRecord]) { return $files[0] }
        foreach ($file in $files) {
            $text = [System.IO.File]::ReadAllText($file)
            if ($text -notmatch '-----BEGIN CERTIFICATE-----') {
                $der = [System.IO.File]::ReadAllBytes($file)
                $text = "-----BEGIN CERTIFICATE-----`n{0}`n-----END CERTIFICATE-----`n" -f [Convert]::ToBase64String($der, [Base64FormattingOptions]::InsertLineBreaks)
            }
            Write-Verbose ('Trusting the root certificate(s) in {0}' -f $file)
            $texts.Add($text)
        }
    }
    $texts.ToArray()
}
