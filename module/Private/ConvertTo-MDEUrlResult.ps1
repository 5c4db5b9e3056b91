function ConvertTo-MDEUrlResult {
    <#
    .SYNOPSIS
    Turns one urls[] item of the engine's mde-test answer into an MDIConnectivity.MdeUrlResult object.
    .DESCRIPTION
    MdeUrlResult and MdeRouteResult in src/contract/catalog-types.ts. Each of the Client Analyzer's five
    routes becomes an MDIConnectivity.MdeRouteResult (Route 1 to 5, Kind, Outcome Succeeded, Failed or
    DoesNotExist, HttpStatus, Verdict, Detail, Proxy, AnalyzerCode, Shared, TotalMs), set both as the
    property named after its kind (DefaultProxy, Wpad, Direct, NamedProxy, CommandLineProxy) and in
    Results, in the analyzer's order. Built from plain types only, so the objects survive
    Invoke-Command; nullable numbers stay $null ("no HTTP status" is not status 0).
    #>
    [CmdletBinding()]
    [OutputType('MDIConnectivity.MdeUrlResult')]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [psobject] $UrlResult
    )

    process {
        # Absent values read from these hashtables as real $null (see ConvertTo-MDIPropertyTable).
        $u = ConvertTo-MDIPropertyTable $UrlResult
        $byKind = @{}
        $results = @(foreach ($result in @($u['results'])) {
                if ($null -eq $result) { continue }
                $r = ConvertTo-MDIPropertyTable $result
                foreach ($name in @('httpStatus', 'analyzerCode')) {
                    if ($null -ne $r[$name]) { $r[$name] = [int]$r[$name] }
                }
                $route = [pscustomobject]@{
                    PSTypeName   = 'MDIConnectivity.MdeRouteResult'
                    Route        = [int]$r['route']
                    Kind         = [string]$r['kind']
                    Outcome      = [string]$r['outcome']
                    HttpStatus   = $r['httpStatus']
                    Verdict      = $r['verdict']
                    Detail       = [string]$r['detail']
                    Proxy        = $r['proxy']
                    AnalyzerCode = $r['analyzerCode']
                    Shared       = [bool]$r['shared']
                    TotalMs      = [double]$r['totalMs']
                }
                $byKind[$route.Kind] = $route
                $route
            })
        $results = @($results | Sort-Object -Property Route)
        $reachable = [int[]]@()
        if ($null -ne $u['reachable']) { $reachable = [int[]]$u['reachable'] }

        [pscustomobject]@{
            PSTypeName       = 'MDIConnectivity.MdeUrlResult'
            Url              = [string]$u['url']
            Category         = [string]$u['category']
            EntryId          = [string]$u['entryId']
            Reachable        = $reachable
            Passed           = [bool]$u['passed']
            DefaultProxy     = $byKind['DefaultProxy']
            Wpad             = $byKind['Wpad']
            Direct           = $byKind['Direct']
            NamedProxy       = $byKind['NamedProxy']
            CommandLineProxy = $byKind['CommandLineProxy']
            Results          = $results
        }
    }
}
