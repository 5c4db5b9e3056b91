function New-MDITestRequest {
    <#
    .SYNOPSIS
    Builds the TestRequest hashtable (src/contract/types.ts) both public commands send to the engine.
    .DESCRIPTION
    Only parameters the user gave become keys, so the engine applies its own defaults for the rest.
    The password is deliberately absent: Invoke-MDIEngine adds it at the last moment.
    Trusted roots are read here because the engine does no file reading for the module, and paths
    must resolve against the PowerShell location, which a child process does not know.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [string] $WorkspaceName,
        [string] $Cloud,
        [string] $SensorApiUrl,
        [string] $ProxyUrl,
        [AllowNull()]
        [System.Management.Automation.PSCredential] $ProxyCredential,
        [string[]] $TrustedRootCertificate,
        [string[]] $Resolve,
        [int] $TimeoutSec = 10
    )

    $request = @{
        schemaVersion = $script:MDIExpectedSchemaVersion
        command       = 'test'
        timeoutSec    = $TimeoutSec
    }
    if (-not [string]::IsNullOrEmpty($WorkspaceName)) { $request['workspace'] = $WorkspaceName }
    if (-not [string]::IsNullOrEmpty($Cloud)) { $request['cloud'] = $Cloud }
    if (-not [string]::IsNullOrEmpty($SensorApiUrl)) { $request['sensorApiUrl'] = $SensorApiUrl }
    if (-not [string]::IsNullOrEmpty($ProxyUrl)) { $request['proxyUrl'] = $ProxyUrl }
    if ($null -ne $ProxyCredential -and -not [string]::IsNullOrEmpty($ProxyCredential.UserName)) {
        # Sent as typed (DOMAIN\user or user@domain): the engine needs the domain for NTLM.
        $request['proxyUser'] = $ProxyCredential.UserName
    }
    $overrides = @($Resolve | Where-Object { -not [string]::IsNullOrEmpty($_) })
    if ($overrides.Count -gt 0) { $request['resolve'] = [string[]]$overrides }

    $roots = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($pattern in @($TrustedRootCertificate)) {
        if ([string]::IsNullOrEmpty($pattern)) { continue }
        $resolved = @()
        try {
            $resolved = @(Resolve-Path -Path $pattern -ErrorAction Stop | Where-Object { $_.Provider.Name -eq 'FileSystem' })
        }
        catch {
            $message = "TrustedRootCertificate: cannot find '{0}': {1}" -f $pattern, $_.Exception.Message
            throw (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category ObjectNotFound -Message $message -TargetObject $pattern)
        }
        if ($resolved.Count -eq 0) {
            $message = "TrustedRootCertificate: '{0}' is not a file system path." -f $pattern
            throw (New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $message -TargetObject $pattern)
        }
        foreach ($item in $resolved) {
            $path = $item.ProviderPath
            $text = [System.IO.File]::ReadAllText($path)
            if ($text -notmatch '-----BEGIN CERTIFICATE-----') {
                # A .cer exported from the Windows certificate store is often DER; the engine takes PEM.
                $der = [System.IO.File]::ReadAllBytes($path)
                $text = "-----BEGIN CERTIFICATE-----`n{0}`n-----END CERTIFICATE-----`n" -f [Convert]::ToBase64String($der, [Base64FormattingOptions]::InsertLineBreaks)
            }
            Write-Verbose ('Trusting the root certificate(s) in {0}' -f $path)
            $roots.Add($text)
        }
    }
    if ($roots.Count -gt 0) { $request['trustedRoots'] = [string[]]$roots.ToArray() }

    $request
}
