function New-MDISecureString {
    <#
    .SYNOPSIS
    Builds a read-only SecureString from characters, so a secret the module obtains never becomes a [string].
    .DESCRIPTION
    Used for a proxy password the module decrypts (Unprotect-MDIStoredPassword) or parses
    (ConvertFrom-MDIDeployerArgument). The caller clears its character array afterwards.
    #>
    [CmdletBinding()]
    [OutputType([System.Security.SecureString])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [char[]] $Chars
    )

    $secure = New-Object -TypeName System.Security.SecureString
    foreach ($c in $Chars) { $secure.AppendChar($c) }
    $secure.MakeReadOnly()
    # The comma stops PowerShell from enumerating the result.
    , $secure
}
