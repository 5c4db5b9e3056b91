function Get-MDIProxySetting {
    <#
    .SYNOPSIS
    Shows the proxy settings each account of the Defender for Identity sensor really uses, and where they differ.

    .DESCRIPTION
    Get-MDIProxySetting reads the WinINet proxy settings (DefaultConnectionSettings) of the current user,
    LocalSystem, LocalService, the default user profile and the machine-wide scope, plus the WinHTTP proxy
    (WinHttpSettings), decodes them and works out the route each account takes to the sensor API:
    automatic detection (WPAD), the automatic configuration script (PAC), the manual proxy and its bypass
    list, in the order WinINet follows them.

    The service accounts are the ones that matter: the sensor runs as LocalService and its updater as
    LocalSystem. The proxy an admin sets in Internet Options only changes the current user's settings,
    which is why the documentation has them copied to those accounts (see Copy-MDIProxySetting).
    Where the service accounts differ from the current user, or take another route, each difference is
    written once as a warning and listed in the Differences property of that scope; only the scopes
    asked with -Scope are warned about (a ProxySettingsPerUser = 0 warning concerns every scope).

    On Windows the live registry is read. On any other system (or to inspect another machine) give
    a registry export (.reg file) with -Path: off Windows -Path is required.

    Decoding and route finding are done by the bundled Node.js engine (Node.js 22.15 or later).

    .PARAMETER Scope
    Scopes to show: CurrentUser, LocalSystem (the updater), LocalService (the sensor), DefaultUser
    (HKU\.DEFAULT), Machine (machine-wide, used by every account when ProxySettingsPerUser is 0) and
    WinHttp. All of them by default.

    .PARAMETER Path
    A .reg export to read instead of the live registry, for example one made on a domain controller with
    regedit or reg export (the ...\Internet Settings\Connections keys under HKU\S-1-5-19, HKU\S-1-5-18,
    HKCU and HKLM). Required off Windows.

    .PARAMETER WorkspaceName
    Workspace whose sensor API URL the routes are computed for (bypass lists and PAC scripts depend on
    the URL). Commercial cloud; use -Url for another cloud.

    .PARAMETER Url
    URL the routes are computed for, instead of the workspace's sensor API URL. Without -Url and
    -WorkspaceName a neutral sensor API name is used.

    .PARAMETER DnsSuffix
    DNS suffix for automatic proxy detection (wpad.<suffix>). Defaults to the machine's primary DNS
    suffix when the live registry is read.

    .PARAMETER TimeoutSec
    Seconds each WPAD or PAC fetch may take (1 to 300, default 10).

    .EXAMPLE
    Get-MDIProxySetting

    Shows every scope of this machine with its proxy, PAC and route, and warns where the sensor's
    accounts differ from the current user.

    .EXAMPLE
    Get-MDIProxySetting -Scope LocalService, LocalSystem -WorkspaceName contoso-corp | Format-List

    Shows every property, including the route and its reason, of the two service accounts for the
    sensor API of workspace contoso-corp.

    .EXAMPLE
    Get-MDIProxySetting -Path ./dc01-proxy.reg -WorkspaceName contoso-corp

    On any system, Linux included: reads the settings from a .reg export made on domain controller DC01.

    .EXAMPLE
    Invoke-Command -ComputerName (Get-ADDomainController -Filter *).HostName -ScriptBlock {
        Get-MDIProxySetting -Scope LocalService
    } | Format-Table PSComputerName, ProxyServer, AutoConfigUrl, Route

    Compares the sensor account's proxy settings across every domain controller.

    .INPUTS
    System.IO.FileInfo
    Registry exports (.reg files) from Get-ChildItem, bound through PSPath, or any object with a Path
    property.

    .OUTPUTS
    MDIConnectivity.ProxySetting
    One object per scope: Scope, Present, UseProxy, ProxyServer, BypassList, UseAutoConfigUrl,
    AutoConfigUrl, AutoDetect, Location, Route (proxy URL or 'direct'; for CurrentUser, LocalService,
    LocalSystem and WinHttp), RouteSource (Manual, Pac, Wpad, Direct), RouteReason, Differences, Error.

    .NOTES
    Errors carry stable ids: MDI_REGISTRY_UNAVAILABLE (not on Windows: give -Path), MDI_FILE_NOT_FOUND,
    MDI_REG_FILE_INVALID, MDI_NODE_NOT_FOUND, MDI_ENGINE_NOT_FOUND, MDI_ENGINE_FAILED.
    Reading HKU\S-1-5-18 and HKU\S-1-5-19 may need an elevated session; a value that cannot be read
    shows as not present.

    .LINK
    Copy-MDIProxySetting

    .LINK
    https://learn.microsoft.com/defender-for-identity/deploy/configure-proxy
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.ProxySetting')]
    param(
        [Parameter(Position = 0)]
        [ValidateSet('CurrentUser', 'LocalSystem', 'LocalService', 'DefaultUser', 'Machine', 'WinHttp')]
        [string[]] $Scope = @('CurrentUser', 'LocalSystem', 'LocalService', 'DefaultUser', 'Machine', 'WinHttp'),

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [Alias('PSPath')]
        [ValidateNotNullOrEmpty()]
        [string] $Path,

        [ValidateNotNullOrEmpty()]
        [string] $WorkspaceName,

        [ValidateNotNullOrEmpty()]
        [string] $Url,

        [ValidateNotNullOrEmpty()]
        [string] $DnsSuffix,

        [ValidateRange(1, 300)]
        [int] $TimeoutSec = 10
    )

    process {
        $activity = 'Reading MDI proxy settings'
        try {
            $request = @{
                schemaVersion = $script:MDIExpectedSchemaVersion
                command       = 'settings'
                timeoutSec    = $TimeoutSec
            }
            if ($WorkspaceName) { $request['workspace'] = $WorkspaceName }
            if ($Url) { $request['url'] = $Url }
            $settingsInput = Get-MDISettingsInput -Path $Path -DnsSuffix $DnsSuffix -Required
            if ($settingsInput -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($settingsInput) }
            foreach ($key in @($settingsInput.Keys)) { $request[$key] = $settingsInput[$key] }
            Write-Progress -Activity $activity -Status 'Decoding the settings and finding each account''s route'
            $engine = Invoke-MDIEngine -Request $request -Caller $PSCmdlet -ProgressActivity $activity
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-MDIErrorRecord -FromErrorRecord $_))
        }
        finally {
            Write-Progress -Activity $activity -Completed
        }

        $response = $engine.Response
        $scopes = @(Get-MDIPropertyValue $response 'scopes')
        if ($scopes.Count -eq 0) { return }
        foreach ($info in @('source', 'url')) { Write-Verbose ('{0}: {1}' -f $info, (Get-MDIPropertyValue $response $info)) }
        $routes = @(Get-MDIPropertyValue $response 'routes')
        $differences = @(Get-MDIPropertyValue $response 'differences' | ForEach-Object { [string]$_ } | Select-Object -Unique)
        $wanted = @($Scope | Select-Object -Unique)
        # Each line the engine writes starts with the scope it is about ("LocalSystem (the updater) differs
        # ...", "WinHTTP has a proxy ..."); a line about no one scope (ProxySettingsPerUser = 0) concerns all.
        $subjectOf = {
            param([string] $Line)
            foreach ($name in @('CurrentUser', 'LocalSystem', 'LocalService', 'DefaultUser', 'Machine', 'WinHttp')) {
                if ($Line -like ($name + ' *')) { return $name }
            }
        }
        foreach ($line in $differences) {
            $subject = & $subjectOf $line
            if ($null -eq $subject -or $wanted -contains $subject) { Write-Warning $line }
        }

        foreach ($entry in $scopes) {
            $name = [string](Get-MDIPropertyValue $entry 'scope')
            if ($wanted -notcontains $name) { continue }
            $settings = Get-MDIPropertyValue $entry 'settings'
            $decoded = @{}
            foreach ($field in @('useProxy', 'proxyServer', 'bypassList', 'useAutoConfigUrl', 'autoConfigUrl', 'autoDetect')) {
                $decoded[$field] = $null
                if ($null -ne $settings) { $decoded[$field] = Get-MDIPropertyValue $settings $field }
            }
            $route = $null
            $routeSource = $null
            $routeReason = $null
            foreach ($candidate in $routes) {
                if ([string](Get-MDIPropertyValue $candidate 'account') -ne $name) { continue }
                $route = Get-MDIPropertyValue $candidate 'proxyUrl'
                if ($null -eq $route) { $route = 'direct' }
                $routeSource = [string](Get-MDIPropertyValue $candidate 'source')
                $routeReason = [string](Get-MDIPropertyValue $candidate 'reason')
            }
            $errorText = $null
            $problem = Get-MDIPropertyValue $entry 'error'
            if ($null -ne $problem) { $errorText = '{0}: {1}' -f (Get-MDIPropertyValue $problem 'code'), (Get-MDIPropertyValue $problem 'message') }

            [pscustomobject]@{
                PSTypeName       = 'MDIConnectivity.ProxySetting'
                Scope            = $name
                Present          = [bool](Get-MDIPropertyValue $entry 'present')
                UseProxy         = $decoded['useProxy']
                ProxyServer      = $decoded['proxyServer']
                BypassList       = $decoded['bypassList']
                UseAutoConfigUrl = $decoded['useAutoConfigUrl']
                AutoConfigUrl    = $decoded['autoConfigUrl']
                AutoDetect       = $decoded['autoDetect']
                Location         = [string](Get-MDIPropertyValue $entry 'location')
                Route            = $route
                RouteSource      = $routeSource
                RouteReason      = $routeReason
                Differences      = [string[]]@($differences | Where-Object { (& $subjectOf $_) -eq $name })
                Error            = $errorText
            }
        }
    }
}
