function Hide-MDISecret {
    <#
    .SYNOPSIS
    Replaces the proxy password in text that came back from the engine before it is shown.
    .DESCRIPTION
    The engine must never echo the password, but a parser error message can quote its input
    (which carries the password). This is the belt to that contract's braces: anything read from
    the engine's stderr or error document passes through here before reaching a stream.
    The plain text exists only inside this call and is dropped at its end. Several secrets may be
    given (the proxy password and a certificate password); each is replaced.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [AllowNull()]
        [AllowEmptyString()]
        [string] $Text,

        # The proxy credential, and the certificate password wrapped in a credential: every secret of the request.
        [AllowNull()]
        [AllowEmptyCollection()]
        [System.Management.Automation.PSCredential[]] $Credential
    )

    if ([string]::IsNullOrEmpty($Text)) { return $Text }
    foreach ($secret in @($Credential)) {
        if ($null -eq $secret -or $null -eq $secret.Password) { continue }
        $plain = $null
        $jsonForm = $null
        try {
            $plain = [System.Net.NetworkCredential]::new('', $secret.Password).Password
            if (-not [string]::IsNullOrEmpty($plain)) {
                # The engine may quote the JSON-escaped spelling rather than the raw one.
                $jsonForm = [string](ConvertTo-Json -InputObject $plain -Compress)
                $jsonForm = $jsonForm.Substring(1, $jsonForm.Length - 2)
                $Text = $Text.Replace($plain, '********').Replace($jsonForm, '********')
            }
        }
        finally {
            $plain = $null
            $jsonForm = $null
        }
    }
    $Text
}
