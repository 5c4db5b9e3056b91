function ConvertFrom-MDIDeployerArgument {
    <#
    .SYNOPSIS
    Reads the proxy settings out of a sensor installer or Deployer command line (ProxyUrl=, ProxyUserName=, ProxyUserPassword=, ClearProxyConfiguration).

    .DESCRIPTION
    ConvertFrom-MDIDeployerArgument is the reverse of ConvertTo-MDIDeployerArgument: give it a command line
    for "Azure ATP sensor Setup.exe" or Microsoft.Tri.Sensor.Deployment.Deployer.exe (with or without the
    program name), for example from a deployment script, and it returns the proxy it sets. Values are read
    with the Windows command-line rules both programs use; by default cmd.exe's ^ escapes are removed
    first, as a cmd.exe prompt or .cmd file would. Other switches are listed in Ignored by name only
    (AccessKey=... is a secret too, so its value is never shown).

    A password found on the command line is returned only as a PSCredential (ProxyCredential, with the
    user name), never as plain text, so it can be passed straight to Set-MDISensorProxyConfiguration or
    Test-MDIConnectivity. The command line is sent to the engine through its standard input only.

    .PARAMETER CommandLine
    The command line, or only its arguments, as typed. Accepts pipeline input (one command line per string).

    .PARAMETER Shell
    Cmd (the default) reads the text as typed at a cmd.exe prompt or in a .cmd file (^ escapes removed);
    Argv reads it as the program receives it (for example from a process's command line).

    .EXAMPLE
    ConvertFrom-MDIDeployerArgument -CommandLine 'Microsoft.Tri.Sensor.Deployment.Deployer.exe ProxyUrl="http://proxy.contoso.com:8080" ProxyUserName="CONTOSO\svc-mdi-proxy" ProxyUserPassword="Example-Only"'

    Returns ProxyUrl http://proxy.contoso.com:8080, ProxyUserName CONTOSO\svc-mdi-proxy, PasswordPresent
    True and the credential in ProxyCredential.

    .EXAMPLE
    $setup = Get-Content .\install-sensor.cmd | Select-String 'Setup.exe' | ForEach-Object Line
    $proxy = ConvertFrom-MDIDeployerArgument $setup
    Test-MDIConnectivity -WorkspaceName contoso-corp -ProxyUrl $proxy.ProxyUrl -ProxyCredential $proxy.ProxyCredential

    Tests the proxy an installation script gives the sensor, with its credentials.

    .EXAMPLE
    'Deployer.exe ClearProxyConfiguration' | ConvertFrom-MDIDeployerArgument

    Clear is True: that command line removes the proxy.

    .INPUTS
    System.String
    One command line per string.

    .OUTPUTS
    MDIConnectivity.DeployerArgumentInfo
    ProxyUrl, ProxyUserName, PasswordPresent, ProxyCredential (a PSCredential when a user and a password
    were found, else $null), Clear, Ignored (other switches, by name), Warnings.

    .NOTES
    Errors carry stable ids: MDI_DEPLOYER_SYNTAX_INVALID (for example a line break inside the command
    line), MDI_PROXY_URL_INVALID, MDI_INVALID_ARGUMENT. Warnings (an unclosed quote) are written as
    warnings and listed in Warnings.

    .LINK
    ConvertTo-MDIDeployerArgument

    .LINK
    Set-MDISensorProxyConfiguration
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.DeployerArgumentInfo')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $CommandLine,

        [ValidateSet('Cmd', 'Argv')]
        [string] $Shell = 'Cmd'
    )

    process {
        $request = @{
            schemaVersion = $script:MDIExpectedSchemaVersion
            command       = 'deployer-syntax'
            action        = 'parse'
            commandLine   = $CommandLine
            shell         = $Shell.ToLowerInvariant()
        }
        $credential = $null
        try {
            $engine = Invoke-MDIEngine -Request $request -Caller $PSCmdlet
            $response = $engine.Response
            if ($null -eq $response -or $null -ne (Get-MDIPropertyValue $response 'error')) { return }
            $user = [string](Get-MDIPropertyValue $response 'proxyUser')
            $present = [bool](Get-MDIPropertyValue $response 'passwordPresent')
            if ($present -and $user.Length -eq 0) { Write-Warning 'The command line holds a proxy secret but no ProxyUserName, so no credential can be built from it.' }
            if ($present -and $user.Length -gt 0) {
                # Asked again for the password itself, which goes straight into a SecureString.
                $request['revealPassword'] = $true
                $revealed = Invoke-MDIEngine -Request $request -Caller $PSCmdlet
                if ($null -eq $revealed.Response -or $null -ne (Get-MDIPropertyValue $revealed.Response 'error')) { return }
                $chars = $null
                try {
                    $chars = ([string](Get-MDIPropertyValue $revealed.Response 'proxyPassword')).ToCharArray()
                    $credential = [System.Management.Automation.PSCredential]::new($user, (New-MDISecureString -Chars $chars))
                }
                finally {
                    if ($null -ne $chars) { [Array]::Clear($chars, 0, $chars.Length) }
                    $revealed = $null
                }
            }
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
        $warnings = [string[]]@(Get-MDIPropertyValue $response 'warnings')
        foreach ($line in $warnings) { Write-Warning $line }

        [pscustomobject]@{
            PSTypeName      = 'MDIConnectivity.DeployerArgumentInfo'
            ProxyUrl        = Get-MDIPropertyValue $response 'proxyUrl'
            ProxyUserName   = Get-MDIPropertyValue $response 'proxyUser'
            PasswordPresent = [bool](Get-MDIPropertyValue $response 'passwordPresent')
            ProxyCredential = $credential
            Clear           = [bool](Get-MDIPropertyValue $response 'clear')
            Ignored         = [string[]]@(Get-MDIPropertyValue $response 'ignored')
            Warnings        = $warnings
        }
    }
}
