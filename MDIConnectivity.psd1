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

    PrivateData          = @{
        PSData = @{
            Tags         = @('DefenderForIdentity', 'MDI', 'AzureATP', 'Proxy', 'Connectivity', 'TLS', 'Diagnostics', 'ActiveDirectory', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows')
            ReleaseNotes = '0.1.0: Test-MDIConnectivity (with -ProxySource: the sensor configuration, the service accounts'' WinINet settings, WinHTTP, PAC) and Test-MDISensorApiConnection (UseCurrentConfiguration and BypassConfiguration); Get-, Set- and Clear-MDISensorProxyConfiguration for the sensor''s own proxy (classic SensorConfiguration.json edited in place, unified sensor policy values); ConvertTo-/ConvertFrom-MDIDeployerArgument for the installer and Deployer proxy switches; Get-MDIProxySetting and Copy-MDIProxySetting for the sensor accounts'' proxy settings (live registry or .reg export), backed by the Node.js engine (Node 22.15 or later).'
        }
    }
}
