# Driven by bench/pwsh-overhead.mjs. In one warm pwsh, the same check through the cmdlet and through the CLI
# (the engine started the same way, its JSON parsed as a script would), interleaved; prints medians as JSON.
param([Parameter(Mandatory = $true)] [string] $ArgumentsJson)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$a = ConvertFrom-Json -InputObject $ArgumentsJson
$env:MDI_NODE = $a.node
Import-Module $a.manifest
$resolve = [string[]]$a.resolve
$common = @{ SensorApiUrl = $a.url; ProxyUrl = $a.proxy; TrustedRootCertificate = $a.root; Resolve = $resolve; TimeoutSec = 10 }
$cliCommon = @('test', '--sensor-api-url', $a.url, '--proxy-url', $a.proxy, '--trusted-root', $a.root, '--json')
foreach ($pin in $resolve) { $cliCommon += @('--resolve', $pin) }
$cases = [ordered]@{
    sensorOnly = @{ Cmdlet = { Test-MDIConnectivity @common -SkipAllowlist }; Cli = $cliCommon + '--no-allowlist' }
    allowlist  = @{ Cmdlet = { Test-MDIConnectivity @common -RootStorePath $a.root }; Cli = $cliCommon + @('--root-store', $a.root) }
}
$samples = @{}
foreach ($name in $cases.Keys) { $samples[$name + 'Cmdlet'] = [System.Collections.Generic.List[double]]::new(); $samples[$name + 'Cli'] = [System.Collections.Generic.List[double]]::new() }
for ($i = 0; $i -lt $a.warmup + $a.rounds; $i++) {
    foreach ($name in $cases.Keys) {
        $case = $cases[$name]
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $results = @(& $case.Cmdlet)
        $cmdletMs = $watch.Elapsed.TotalMilliseconds
        if ($results[0].Verdict -ne 'Pass') { throw "cmdlet: $($results[0].Verdict) $($results[0].Detail)" }
        $watch.Restart()
        $document = (& $a.node $a.engine @($case.Cli)) -join "`n" | ConvertFrom-Json
        $cliMs = $watch.Elapsed.TotalMilliseconds
        if (-not $document.checks -or $document.checks[0].verdict -ne 'Pass') { throw "CLI: no passing check" }
        if ($i -ge $a.warmup) { $samples[$name + 'Cmdlet'].Add($cmdletMs); $samples[$name + 'Cli'].Add($cliMs) }
    }
}
$medians = [ordered]@{}
foreach ($key in $samples.Keys) {
    $sorted = @($samples[$key] | Sort-Object)
    $medians[$key] = $sorted[[int][Math]::Floor($sorted.Count / 2)]
}
$medians['checksWithAllowlist'] = @(& $cases['allowlist'].Cmdlet).Count
ConvertTo-Json -InputObject $medians -Compress
