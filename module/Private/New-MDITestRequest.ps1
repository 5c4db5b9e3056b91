function New-MDITestRequest {
    <#
    .SYNOPSIS
    Builds the TestRequest hashtable (src/contract/types.ts) both public commands send to the engine.
    .DESCRIPTION
    Only parameters the user gave become keys, so the engine applies its own defaults for the rest.
    The password is deliberately absent: Invoke-MDIEngine adds it at the last moment.
    Trusted roots and the .reg export are read here because the engine does no file reading for the
    module, and paths must resolve against the PowerShell location, which a child process does not know
    (a PAC path is made absolute for the same reason, through Resolve-MDIFilePath).
    -SensorConfigurationPath and -CertificatePath arrive resolved (Get-MDISensorRouteInput) and are sent
    as they are: the engine reads SensorConfiguration.json and the certificate file itself.
    The allowlist: by default the engine also checks the certificate allowlist URLs and reports the
    required roots, so the machine's root store is added (Get-MDIRootStoreInput: the thumbprints of
    Cert:\LocalMachine\Root on Windows, else the -RootStorePath PEM bundle). -SkipAllowlist sends
    allowlist = false (the sensor API only, as the official Test-MDISensorApiConnection) and no store.
    Proxy settings: -Path sends the export; otherwise, when the route may come from the service
    accounts' settings (ProxySource Auto without -ProxyUrl, LocalService, LocalSystem, WinHttp), the live
    registry is read on Windows. Off Windows, Auto sends nothing (the engine then goes direct and says
    so in its notes) and LocalService/LocalSystem/WinHttp get MDI_REGISTRY_UNAVAILABLE.
    That, and a file parameter that names no file (MDI_FILE_NOT_FOUND), is returned as its ErrorRecord, not thrown,
    so that the public command writes the one record the user sees (see Resolve-MDIFilePath).
    #>
    [CmdletBinding()]
    [OutputType([hashtable], [System.Management.Automation.ErrorRecord])]
    param(
        [string] $WorkspaceName,
        [string] $Cloud,
        [string] $SensorApiUrl,
        [string] $ProxyUrl,
        [AllowNull()]
        [System.Management.Automation.PSCredential] $ProxyCredential,
        [string[]] $TrustedRootCertificate,
        [string[]] $Resolve,
        [int] $TimeoutSec = 10,
        [string] $ProxySource,
        [string] $Path,
        [string] $PacUrl,
        [string] $DnsSuffix,
        # Already resolved by Get-MDISensorRouteInput: SensorConfiguration.json and the certificate file.
        [string] $SensorConfigurationPath,
        [string] $CertificatePath,
        # The sensor API only: no allowlist URLs, no root report.
        [switch] $SkipAllowlist,
        [switch] $IncludeLegacyEndpoints,
        # maxConnectionsPerProxy; 0 = the engine's default.
        [int] $ThrottleLimit,
        # PEM bundle standing for the machine's root store (off Windows).
        [string] $RootStorePath
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

    # ValidateSet accepts any casing; the engine wants the contract's spelling.
    $source = 'Auto'
    foreach ($name in @('Auto', 'Parameter', 'SensorConfiguration', 'LocalService', 'LocalSystem', 'WinHttp', 'Pac', 'Direct')) {
        if ($name -eq $ProxySource) { $source = $name }
    }
    if (-not [string]::IsNullOrEmpty($ProxySource)) { $request['proxySource'] = $source }
    if (-not [string]::IsNullOrEmpty($PacUrl)) {
        $pac = $PacUrl
        if ($pac -notmatch '^[a-zA-Z][a-zA-Z0-9+.-]*://') {
            # A path, not a URL: the engine runs in the module folder, so make it absolute here.
            $pac = @(Resolve-MDIFilePath -Path $PacUrl -Purpose 'the PAC file named by -PacUrl')[0]
            if ($pac -is [System.Management.Automation.ErrorRecord]) { return $pac }
        }
        $request['pacUrl'] = $pac
    }
    $fromAccounts = @('Auto', 'LocalService', 'LocalSystem', 'WinHttp') -contains $source
    # Auto uses an explicit -ProxyUrl first, so the registry would not be consulted.
    if ($source -eq 'Auto' -and -not [string]::IsNullOrEmpty($ProxyUrl)) { $fromAccounts = $false }
    $export = $null
    if (-not [string]::IsNullOrEmpty($Path)) {
        # Resolved here so that a missing export is returned like every other missing file.
        $export = @(Resolve-MDIFilePath -Path $Path -Purpose 'the .reg export (regedit File > Export, or reg export)')[0]
        if ($export -is [System.Management.Automation.ErrorRecord]) { return $export }
    }
    if ($null -ne $export -or $fromAccounts) {
        $settingsInput = Get-MDISettingsInput -Path $export -DnsSuffix $DnsSuffix -Required:($source -ne 'Auto')
        if ($settingsInput -is [System.Management.Automation.ErrorRecord]) { return $settingsInput }
        if ($null -eq $settingsInput) {
            Write-Verbose 'Not on Windows and no -Path: no proxy settings to read, so Auto tests directly.'
        }
        else {
            foreach ($key in @($settingsInput.Keys)) { $request[$key] = $settingsInput[$key] }
        }
    }
    if (-not [string]::IsNullOrEmpty($DnsSuffix)) { $request['dnsSuffix'] = $DnsSuffix }
    if (-not [string]::IsNullOrEmpty($SensorConfigurationPath)) { $request['sensorConfigurationPath'] = $SensorConfigurationPath }
    if (-not [string]::IsNullOrEmpty($CertificatePath)) { $request['certificatePath'] = $CertificatePath }

    $overrides = @($Resolve | Where-Object { -not [string]::IsNullOrEmpty($_) })
    if ($overrides.Count -gt 0) { $request['resolve'] = [string[]]$overrides }

    # PEM texts (DER .cer files converted, wildcards resolved), read in the PowerShell location.
    $roots = @(Read-MDITrustedRootCertificate -Path $TrustedRootCertificate)
    if ($roots.Count -eq 1 -and $roots[0] -is [System.Management.Automation.ErrorRecord]) { return $roots[0] }
    if ($roots.Count -gt 0) { $request['trustedRoots'] = [string[]]$roots }

    # Legacy regional records are sensor endpoints of older workspaces: asked for on their own.
    if ($IncludeLegacyEndpoints) { $request['includeLegacy'] = $true }
    if ($ThrottleLimit -gt 0) { $request['maxConnectionsPerProxy'] = $ThrottleLimit }
    if ($SkipAllowlist) {
        $request['allowlist'] = $false
        if (-not [string]::IsNullOrEmpty($RootStorePath)) { Write-Verbose '-RootStorePath is not used: without the allowlist checks there is no root report.' }
    }
    else {
        # Only with the allowlist on: the root report reads this store.
        $rootStore = Get-MDIRootStoreInput -RootStorePath $RootStorePath
        if ($rootStore -is [System.Management.Automation.ErrorRecord]) { return $rootStore }
        if ($null -ne $rootStore) {
            foreach ($key in @($rootStore.Keys)) { $request[$key] = $rootStore[$key] }
        }
    }

    $request
}
