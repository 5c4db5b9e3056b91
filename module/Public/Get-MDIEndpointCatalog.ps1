function Get-MDIEndpointCatalog {
    <#
    .SYNOPSIS
    Lists the URLs a Defender for Identity sensor (or a Defender for Endpoint device) must reach, for a proxy or firewall allowlist.

    .DESCRIPTION
    Get-MDIEndpointCatalog returns the endpoint catalog the connectivity tests use: for Defender for
    Identity (-Service MDI, the default) the sensor API of the workspace in the chosen cloud, the
    certificate allowlist a strict proxy must open on port 80 (crl.microsoft.com,
    ctldl.windowsupdate.com, www.microsoft.com/pkiops/*, www.microsoft.com/pki/*), the optional Azure CA
    revocation hosts and, with -IncludeLegacyEndpoints, the legacy regional sensor records older
    workspaces still use. For Defender for Endpoint (-Service MDE) it returns the standard URL list of
    one data location (-Region), or the streamlined list (*.endpoint.security.microsoft.com) with
    -Streamlined.

    Each entry is one allowlist line as a proxy admin writes it (a host, host/path/*, or *.domain), the
    port, whether it is required, a concrete URL that proves the line is open and the HTTP statuses
    that count as reached (400 is normal for blob storage, 404 for the streamlined antivirus path).
    Source names the document each entry comes from; CatalogVersion changes whenever an entry does.

    -AllowlistOnly returns just the allowlist lines, each once, ready to paste into a proxy
    configuration. Nothing is probed: Test-MDIConnectivity checks the lines.

    The catalog is built by the bundled Node.js engine (Node.js 22.15 or later); no network access.

    .PARAMETER Service
    MDI (Defender for Identity, the default) or MDE (Defender for Endpoint). -Region alone implies MDE.

    .PARAMETER Cloud
    Defender for Identity cloud: Commercial (default), GCC, GCCHigh or DoD. MDI only.

    .PARAMETER Region
    Defender for Endpoint data location: US, EU, UK, AU, UAE, GCC, GCCHigh or DoD. Required for MDE.

    .PARAMETER Streamlined
    Defender for Endpoint streamlined connectivity (*.endpoint.security.microsoft.com, or .us for the
    government clouds) instead of the standard URL list. MDE only.

    .PARAMETER WorkspaceName
    Workspace name (portal: Settings > Identities > About) that fills <workspace> in the sensor API
    entry, so it gets a test URL. Binds from the pipeline by property name. MDI only.

    .PARAMETER IncludeLegacyEndpoints
    Adds the legacy regional sensor records (triprd1wc...sensorapi.atp.azure.com, triff1wcva...) that
    older workspaces still resolve to. MDI only.

    .PARAMETER AllowlistOnly
    Returns only the allowlist lines as strings, each once (also across piped workspaces).

    .EXAMPLE
    Get-MDIEndpointCatalog -WorkspaceName contoso-corp

    The Defender for Identity allowlist of workspace contoso-corp in the commercial cloud: the sensor
    API, the certificate allowlist on port 80 and the optional revocation hosts.

    .EXAMPLE
    Get-MDIEndpointCatalog -WorkspaceName contoso-corp -Cloud GCCHigh -IncludeLegacyEndpoints -AllowlistOnly |
        Set-Content -Path .\mdi-allowlist.txt

    Writes the GCC High allowlist, legacy records included, one line each, for the proxy team.

    .EXAMPLE
    Get-MDIEndpointCatalog -Service MDE -Region EU -Streamlined | Format-Table Category, Allowlist, TestUrl, Reachable

    The Defender for Endpoint streamlined URLs for the EU data location with the answer each test
    URL gives (the antivirus path answers 404 when it is reachable).

    .EXAMPLE
    Get-MDIEndpointCatalog -Region US | Where-Object Required | Group-Object Category

    The required Defender for Endpoint URLs of the US data location, grouped by what they are for.

    .INPUTS
    Objects with a WorkspaceName property (bound by property name), for example Test-MDIConnectivity's input.

    .OUTPUTS
    MDIConnectivity.CatalogEntry
    One object per entry: Id, Service, Category, Allowlist, TestUrl (null for a wildcard line), Port,
    Reachable (int[]), Required, Geography, Source, Note, CatalogVersion.
    With -AllowlistOnly: System.String, one per unique allowlist line.

    .NOTES
    Errors carry stable ids: MDI_INVALID_ARGUMENT (an unknown region or cloud, an invalid workspace name,
    or a parameter of the other service), MDI_NODE_NOT_FOUND, MDI_ENGINE_NOT_FOUND, MDI_ENGINE_FAILED.
    Without -WorkspaceName the sensor API line reads <workspace>sensorapi...: replace it before use.

    .LINK
    Test-MDIConnectivity

    .LINK
    https://learn.microsoft.com/defender-for-identity/deploy/configure-proxy

    .LINK
    https://learn.microsoft.com/defender-endpoint/configure-environment
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.CatalogEntry')]
    [OutputType([string])]
    param(
        [ValidateSet('MDI', 'MDE')]
        [string] $Service = 'MDI',

        [ValidateSet('Commercial', 'GCC', 'GCCHigh', 'DoD')]
        [string] $Cloud,

        [ValidateSet('US', 'EU', 'UK', 'AU', 'UAE', 'GCC', 'GCCHigh', 'DoD')]
        [string] $Region,

        [switch] $Streamlined,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [ValidateNotNullOrEmpty()]
        [string] $WorkspaceName,

        [switch] $IncludeLegacyEndpoints,

        [switch] $AllowlistOnly
    )

    begin {
        # -Region names a Defender for Endpoint data location, so on its own it means -Service MDE.
        $chosen = $Service
        if ($PSBoundParameters.ContainsKey('Region') -and -not $PSBoundParameters.ContainsKey('Service')) { $chosen = 'MDE' }
        $misplaced = @()
        if ($chosen -eq 'MDE') { $misplaced = @('Cloud', 'IncludeLegacyEndpoints') }
        else { $misplaced = @('Region', 'Streamlined') }
        foreach ($name in $misplaced) {
            if ($PSBoundParameters.ContainsKey($name)) {
                $message = '-{0} does not apply to -Service {1}: use -Cloud, -WorkspaceName and -IncludeLegacyEndpoints for MDI, -Region and -Streamlined for MDE.' -f $name, $chosen
                $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $message -TargetObject $name))
            }
        }
        $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    }

    process {
        if ($chosen -eq 'MDE' -and $PSBoundParameters.ContainsKey('WorkspaceName')) {
            $message = '-WorkspaceName does not apply to -Service MDE: Defender for Endpoint URLs depend on the data location (-Region) only.'
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -ErrorId 'MDI_INVALID_ARGUMENT' -Category InvalidArgument -Message $message -TargetObject $WorkspaceName))
        }
        try {
            $request = @{
                schemaVersion = $script:MDIExpectedSchemaVersion
                command       = 'catalog'
                service       = $chosen
            }
            if ($Cloud) { $request['cloud'] = $Cloud }
            if ($Region) { $request['region'] = $Region }
            if ($Streamlined) { $request['streamlined'] = $true }
            if ($WorkspaceName) { $request['workspace'] = $WorkspaceName }
            if ($IncludeLegacyEndpoints) { $request['includeLegacy'] = $true }
            $engine = Invoke-MDIEngine -Request $request -Caller $PSCmdlet
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }

        $response = $engine.Response
        $entries = @(Get-MDIPropertyValue $response 'entries')
        if ($entries.Count -eq 0) { return }
        foreach ($note in @(Get-MDIPropertyValue $response 'notes')) { Write-Verbose ([string]$note) }
        $catalogVersion = [string](Get-MDIPropertyValue $response 'catalogVersion')

        foreach ($entry in $entries) {
            $allowlist = [string](Get-MDIPropertyValue $entry 'allowlist')
            if ($AllowlistOnly) {
                if (-not $seen.Add($allowlist)) { continue }
                if ($allowlist.Contains('<workspace>')) { Write-Warning ('Give -WorkspaceName: the line {0} still has to be completed with the workspace name.' -f $allowlist) }
                $allowlist
                continue
            }
            # A wildcard line has no single host to test: TestUrl and Note stay a real $null, not ''.
            $fields = ConvertTo-MDIPropertyTable $entry
            $testUrl = $fields['testUrl']
            if ($null -ne $testUrl) { $testUrl = [string]$testUrl }
            $note = $fields['note']
            if ($null -ne $note) { $note = [string]$note }
            [pscustomobject]@{
                PSTypeName     = 'MDIConnectivity.CatalogEntry'
                Id             = [string](Get-MDIPropertyValue $entry 'id')
                Service        = [string](Get-MDIPropertyValue $entry 'service')
                Category       = [string](Get-MDIPropertyValue $entry 'category')
                Allowlist      = $allowlist
                TestUrl        = $testUrl
                Port           = [int](Get-MDIPropertyValue $entry 'port')
                Reachable      = [int[]]@(Get-MDIPropertyValue $entry 'reachable' | ForEach-Object { [int]$_ })
                Required       = [bool](Get-MDIPropertyValue $entry 'required')
                Geography      = [string](Get-MDIPropertyValue $entry 'geography')
                Source         = [string](Get-MDIPropertyValue $entry 'source')
                Note           = $note
                CatalogVersion = $catalogVersion
            }
        }
    }
}
