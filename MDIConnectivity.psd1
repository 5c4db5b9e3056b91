@{
    # Forward slashes: valid on Windows and required on Linux/macOS PowerShell.
    RootModule           = 'module/MDIConnectivity.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '0b0e87e7-5577-41b5-925a-2c719b36004e'
    Author               = 'MDIConnectivity'
    CompanyName          = 'MDIConnectivity'
    Copyright            = '(c) MDIConnectivity. MIT License.'
    Description          = 'Tells a Microsoft Defender for Identity admin whether and why the sensor can reach its cloud service (sensor API ping) through the proxy: DNS, TCP, proxy CONNECT and authentication, TLS chain and HTTP, each with a verdict and a remediation.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')

    # Explicit lists keep command discovery fast and stop private helpers from leaking.
    FunctionsToExport    = @(
        'Clear-MDISensorProxyConfiguration', 'ConvertFrom-MDIDeployerArgument', 'ConvertTo-MDIDeployerArgument', 'Copy-MDIProxySetting', 'Export-MDIConnectivityReport',
        'Get-MDIEndpointCatalog', 'Get-MDIProxySetting', 'Get-MDISensorProxyConfiguration', 'Set-MDISensorProxyConfiguration',
        'Test-MDEConnectivity', 'Test-MDIConnectivity', 'Test-MDISensorApiConnection', 'Test-MDIServiceTag'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    FormatsToProcess     = @('module/MDIConnectivity.Format.ps1xml')
    # Keeps nested result objects intact through Invoke-Command (remoting serializes one level by default).
    TypesToProcess       = @('module/MDIConnectivity.Types.ps1xml')

    # FileList: written by scripts/stage-module.mjs into the staged manifest (the checkout has no fixed list).

    PrivateData          = @{
        PSData = @{
            Tags         = @('DefenderForIdentity', 'MDI', 'AzureATP', 'Proxy', 'Connectivity', 'TLS', 'Diagnostics', 'ActiveDirectory', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux')
            ProjectUri   = 'https://github.com/MDIConnectivity/MDIConnectivity'
            LicenseUri   = 'https://github.com/MDIConnectivity/MDIConnectivity/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: first release. Test-MDIConnectivity, Test-MDISensorApiConnection, Test-MDEConnectivity, Test-MDIServiceTag and Get-MDIEndpointCatalog check the sensor''s route to its cloud service through the proxy (DNS, TCP, proxy CONNECT and authentication, TLS chain, HTTP), each with a verdict and a remediation; Get-, Set- and Clear-MDISensorProxyConfiguration repair the sensor''s own proxy with -WhatIf, a backup and an atomic write; Get-/Copy-MDIProxySetting and ConvertTo-/ConvertFrom-MDIDeployerArgument cover the service accounts'' proxy settings and the installer switches. The package carries its own Node.js 24 runtime (runtime/<os>-<arch>), so nothing else needs installing on a domain controller.'
        }
    }
}
