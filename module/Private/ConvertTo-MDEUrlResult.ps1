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
        $byKind = @{}
        $results = @(foreach ($result in @(Get-MDIPropertyValue $UrlResult 'results')) {
                $numbers = @{}
                foreach ($name in @('httpStatus', 'analyzerCode')) {
                    $value = Get-MDIPropertyValue $result $name
                    if ($null -ne $value) { $value = [int]$value }
                    $numbers[$name] = $value
                }
                $route = [pscustomobject]@{
                    PSTypeName   = 'MDIConnectivity.MdeRouteResult'
                    Route        = [int](Get-MDIPropertyValue $result 'route')
                    Kind         = [string](Get-MDIPropertyValue $result 'kind')
                    Outcome      = [string](Get-MDIPropertyValue $result 'outcome')
                    HttpStatus   = $numbers['httpStatus']
                    Verdict      = Get-MDIPropertyValue $result 'verdict'
                    Detail       = [string](Get-MDIPropertyValue $result 'detail')
                    Proxy        = Get-MDIPropertyValue $result 'proxy'
                    AnalyzerCode = $numbers['analyzerCode']
                    Shared       = [bool](Get-MDIPropertyValue $result 'shared')
                    TotalMs      = [double](Get-MDIPropertyValue $result 'totalMs')
                }
                $byKind[$route.Kind] = $route
                $route
            })
        $results = @($results | Sort-Object -Property Route)

        [pscustomobject]@{
            PSTypeName       = 'MDIConnectivity.MdeUrlResult'
            Url              = [string](Get-MDIPropertyValue $UrlResult 'url')
            Category         = [string](Get-MDIPropertyValue $UrlResult 'category')
            EntryId          = [string](Get-MDIPropertyValue $UrlResult 'entryId')
            Reachable        = [int[]]@(Get-MDIPropertyValue $UrlResult 'reachable')
            Passed           = [bool](Get-MDIPropertyValue $UrlResult 'passed')
            DefaultProxy     = $byKind['DefaultProxy']
            Wpad             = $byKind['Wpad']
            Direct           = $byKind['Direct']
            NamedProxy       = $byKind['NamedProxy']
            CommandLineProxy = $byKind['CommandLineProxy']
            Results          = $results
        }
    }
}
