// Every .EXAMPLE of every public command's comment-based help, and every ```powershell block of README.md,
// run in real pwsh against the harness's loopback peers. Names in the examples are rewritten first (proxy.contoso.com
// to the open Squid, the contoso-corp sensor API to the harness target, every catalog host pinned with -Resolve),
// so no name reaches a real resolver. What cannot run off Windows is in SKIPPED with its reason, and that list
// must name examples that exist. An example that fails is a test failure.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { SCHEMA_VERSION } from '../../src/contract/types.js';
import { captureNode } from '../support/capture-node.js';
import { manifest, newShell, nodeForModule, psArray, psString, pwsh, repo, run, skipPwsh } from '../support/pwsh.js';
import { regExport } from '../support/reg-fixtures.js';
import { requestSchemaErrors } from '../support/schema.js';
import { LAYOUTS, makeSensorCertificate, sensorConfigText } from '../support/sensor-fixtures.js';

interface Example { source: string; code: string }

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const fromBase64 = (text: string): string => `([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${base64(text)}')))`;

/**
 * The examples, read by PowerShell's own parser: the code of an .EXAMPLE is its text up to the first blank line
 * (the rest is its description); a README block gives one example per top-level statement.
 */
function collectExamples(): Example[] {
  if (skipPwsh) return [];
  const publicDir = join(repo, 'module', 'Public');
  const files = readdirSync(publicDir).filter((n) => n.endsWith('.ps1')).sort().map((n) => join(publicDir, n));
  const out = join(mkdtempSync(join(tmpdir(), 'mdi-examples-list-')), 'examples.json');
  const blocks = [...readFileSync(join(repo, 'README.md'), 'utf8').matchAll(/^```powershell\r?\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  const script = [
    "$ErrorActionPreference = 'Stop'; $P = [System.Management.Automation.Language.Parser]",
    `$help = foreach ($f in @(${files.map(psString).join(', ')})) { $fn = $P::ParseFile($f, [ref]$null, [ref]$null).Find({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false);`,
    '  $i = 0; foreach ($e in $fn.GetHelpContent().Examples) { $i++; [pscustomobject]@{ source = "$($fn.Name) example $i"; code = ($e -split "\\r?\\n[ \\t]*\\r?\\n")[0].Trim() } } }',
    `$readme = $b = 0; $readme = foreach ($text in @(${blocks.map(fromBase64).join(', ') || "''"})) { $b++; $e = $null; $ast = $P::ParseInput($text, [ref]$null, [ref]$e);`,
    '  if ($e.Count) { throw "README powershell block $b does not parse: $($e[0].Message)" }',
    '  $s = 0; foreach ($st in $ast.EndBlock.Statements) { $s++; [pscustomobject]@{ source = "README block $b statement $s"; code = $st.Extent.Text } } }',
    `Set-Content -LiteralPath ${psString(out)} -Encoding UTF8 -Value (@($help) + @($readme) | ConvertTo-Json -Depth 3 -Compress)`,
  ].join('\n');
  const file = join(dirname(out), 'collect.ps1');
  writeFileSync(file, script);
  const child = spawnSync(pwsh!, ['-NoProfile', '-NonInteractive', '-File', file], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TERM: 'dumb', NO_COLOR: '1' } });
  if (child.status !== 0 || !existsSync(out)) throw new Error(`could not read the examples: ${child.stdout}${child.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as Example[];
}

/** Examples that cannot run off Windows: [where, a piece of its code, why]. */
const SKIPPED: Array<[string, string, string]> = [
  ['Clear-MDISensorProxyConfiguration example 1', 'Clear-MDISensorProxyConfiguration -WhatIf -Verbose', 'finds the sensor through the AATPSensor service (Windows)'],
  ['Clear-MDISensorProxyConfiguration example 2', 'Clear-MDISensorProxyConfiguration -Confirm:$false -PassThru', 'finds the sensor through the AATPSensor service (Windows)'],
  ['ConvertTo-MDIDeployerArgument example 2', '-FromCurrentConfiguration', "reads this machine's sensor configuration (AATPSensor service)"],
  ['ConvertTo-MDIDeployerArgument example 3', "Start-Process -FilePath '.\\Azure ATP sensor Setup.exe'", 'runs the Windows sensor installer'],
  ['Copy-MDIProxySetting example 1', 'Copy-MDIProxySetting -WhatIf', 'reads the live registry'],
  ['Copy-MDIProxySetting example 2', 'Copy-MDIProxySetting -To LocalService', 'writes the live registry'],
  ['Copy-MDIProxySetting example 4', 'reg import', 'reg.exe (Windows)'],
  ['Get-MDIProxySetting example 1', 'Get-MDIProxySetting', 'reads the live registry'],
  ['Get-MDIProxySetting example 2', 'Get-MDIProxySetting -Scope LocalService, LocalSystem', 'reads the live registry'],
  ['Get-MDIProxySetting example 4', 'Invoke-Command -ComputerName', 'remoting to domain controllers (Get-ADDomainController)'],
  ['Get-MDISensorProxyConfiguration example 1', 'Get-MDISensorProxyConfiguration', 'finds the sensor through the AATPSensor service (Windows)'],
  ['Set-MDISensorProxyConfiguration example 1', '-WhatIf -Verbose', 'finds the sensor through the AATPSensor service (Windows)'],
  ['Set-MDISensorProxyConfiguration example 2', '-Confirm:$false -PassThru', 'finds the sensor through the AATPSensor service (Windows)'],
  ['Set-MDISensorProxyConfiguration example 3', "Set-MDISensorProxyConfiguration '' -SkipServiceRestart", 'finds the sensor through the AATPSensor service (Windows)'],
  ['Set-MDISensorProxyConfiguration example 5', '-SensorType Unified -BackupPath C:\\Temp', 'writes the live registry'],
  ['Test-MDEConnectivity example 5', 'Invoke-Command -ComputerName', 'remoting to other servers'],
  ['Test-MDIConnectivity example 4', 'Get-ADDomainController', 'remoting to domain controllers (Get-ADDomainController)'],
  ['Test-MDISensorApiConnection example 1', 'Test-MDISensorApiConnection', "reads this machine's sensor configuration (AATPSensor service)"],
  ['Test-MDIServiceTag example 5', 'Invoke-Command -ComputerName', 'remoting to domain controllers (Get-ADDomainController)'],
  ['README block 1 statement 1', './build.ps1', 'rebuilds module/engine, which the running suite uses (npm test builds it first)'],
  ['README block 1 statement 2', 'Import-Module ./MDIConnectivity.psd1', 'the test session imports the module itself, from the checkout'],
  ['README block 1 statement 7', 'Invoke-Command -ComputerName', 'remoting to domain controllers (Get-ADDomainController)'],
  ['README block 1 statement 8', 'Test-MDISensorApiConnection', "reads this machine's sensor configuration (AATPSensor service)"],
  ['README block 1 statement 11', 'Get-MDISensorProxyConfiguration', 'finds the sensor through the AATPSensor service (Windows)'],
  ['README block 1 statement 12', 'Set-MDISensorProxyConfiguration', 'finds the sensor through the AATPSensor service (Windows)'],
  ['README block 1 statement 13', 'Clear-MDISensorProxyConfiguration', 'finds the sensor through the AATPSensor service (Windows)'],
  ['README block 1 statement 15', '-FromCurrentConfiguration', "reads this machine's sensor configuration (AATPSensor service)"],
  ['README block 2 statement 1', 'Get-MDIProxySetting', 'reads the live registry'],
  ['README block 2 statement 3', 'Copy-MDIProxySetting -To LocalSystem, LocalService -WhatIf', 'reads the live registry'],
  ['README block 2 statement 4', 'Copy-MDIProxySetting -To LocalSystem, LocalService', 'writes the live registry'],
  ['README block 2 statement 6', '-ProxySource LocalService', 'without -Path: reads the live registry'],
];

/** Examples that show an error on purpose: [where, the error id they must show]. */
const SHOWS_ERROR: Array<[string, string]> = [['Get-MDISensorProxyConfiguration example 3', 'MDI_SENSOR_CONFIG_NOT_FOUND']];

const examples = collectExamples();
const skipReason = (example: Example): string | undefined => SKIPPED.find(([where]) => where === example.source)?.[2];

/** An engine request straight through its stdin, as the module's seam sends it. */
function engineAnswer(request: Record<string, unknown>): Record<string, unknown> {
  const engine = join(repo, 'module', 'engine', 'mdi-connectivity.mjs');
  const child = spawnSync(nodeForModule, [engine, 'invoke'], { input: JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...request }), encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(child.stdout) as Record<string, unknown>;
}

describe('the examples list and its skip list', () => {
  it.skipIf(skipPwsh)('finds the help examples of every public command and the README blocks', () => {
    const commands = new Set(examples.filter((e) => !e.source.startsWith('README')).map((e) => e.source.replace(/ example \d+$/, '')));
    expect(commands.size).toBe(readdirSync(join(repo, 'module', 'Public')).filter((n) => n.endsWith('.ps1')).length);
    expect(examples.some((e) => e.source.startsWith('README'))).toBe(true);
  });

  it.skipIf(skipPwsh)('names in SKIPPED only examples that exist, each by a piece of its own code', () => {
    for (const [where, piece] of SKIPPED) {
      const example = examples.find((e) => e.source === where);
      expect(example, `${where} does not exist`).toBeDefined();
      expect(example!.code, where).toContain(piece);
    }
    for (const [where] of SHOWS_ERROR) expect(examples.map((e) => e.source)).toContain(where);
  });
});

describe.skipIf(skipPwsh)('examples that run off Windows, in real PowerShell', () => {
  const h = inject('harness');
  const capture = captureNode();
  const work = mkdtempSync(join(tmpdir(), 'mdi-examples-'));
  const squid = new URL(h.squid.urls.open);
  const target = h.targets.ok;
  let shell: PowerShell;

  /** The example as it runs here: contoso names to loopback peers, prompts to values, exit to return. */
  const rewrite = (code: string): string =>
    code
      .replace(/\(Get-Credential[^)]*\)/g, '$ExampleCredential')
      .replace(/\(Read-Host -AsSecureString\)/g, '$ExamplePfxPassword')
      .replace(/https?:\/\/(proxy\.contoso\.com|10\.0\.0\.6):8080/g, h.squid.urls.open.replace(/\/$/, ''))
      .replace(/proxy\.contoso\.com:8080/g, squid.host)
      .replace(/https:\/\/contoso-corpsensorapi\.atp\.azure\.(com|us)/g, target.url)
      .replace(/(Test-MDIConnectivity)(\s+-WorkspaceName)?\s+contoso-corp\b/g, `$1 -SensorApiUrl ${target.url}`)
      .replace(/\b(Test-MDIConnectivity|Test-MDEConnectivity|Test-MDISensorApiConnection)\b/g, '$1 -Resolve $ExampleResolve -TrustedRootCertificate $ExampleRoot')
      .replace(/\bexit (\d+)/g, "return 'exit $1'");

  beforeAll(async () => {
    // The files the examples name, in the folder they run in.
    const proxyHost = squid.host;
    const reg = regExport({ CurrentUser: { proxyServer: proxyHost }, LocalService: { proxyServer: proxyHost }, LocalSystem: { proxyServer: proxyHost }, WinHttp: { proxyServer: proxyHost } });
    for (const name of ['dc01-proxy.reg', 'srv01-proxy.reg', 'dc01.reg']) writeFileSync(join(work, name), reg);
    writeFileSync(join(work, 'dc02-policies.reg'), regExport({ telemetryProxyServer: proxyHost }));
    mkdirSync(join(work, 'dc01'));
    const cert = await makeSensorCertificate(work, 'dc01-sensor');
    copyFileSync(cert.aesPfxPath, join(work, 'dc01-sensor.pfx'));
    copyFileSync(cert.derPath, join(work, 'dc01-sensor.cer'));
    writeFileSync(join(work, 'dc01', 'SensorConfiguration.json'), sensorConfigText(LAYOUTS[0]!, 'null', cert.thumbprint, { address: target.host, port: target.port }));
    copyFileSync(h.pki.root.certPath, join(work, 'dc01-roots.pem'));
    const tags = join(repo, 'tests', 'fixtures', 'service-tags');
    for (const name of readdirSync(tags)) copyFileSync(join(tags, name), join(work, name));
    copyFileSync(join(tags, 'firewall-allowlist.txt'), join(work, 'edge-allowlist.txt'));
    copyFileSync(join(tags, 'firewall-allowlist.txt'), join(work, 'allowlist.txt'));
    writeFileSync(join(work, 'install-sensor.cmd'), `"Azure ATP sensor Setup.exe" /quiet NetFrameworkCommandLineArguments="/q" ProxyUrl="${h.squid.urls.open.replace(/\/$/, '')}" ProxyUserName="CONTOSO\\svc-mdi-proxy" ProxyUserPassword="Example-Only"\r\n`);

    // Every name an example can probe, pinned to loopback: the catalog stand-ins, the target, WPAD.
    const standIn = 'address' in h.endpoints && h.endpoints.address ? h.endpoints.address : '127.0.0.1';
    // Every cloud and region, so that an example added later cannot reach a real name either.
    const catalogs = [
      ...['Commercial', 'GCC', 'GCCHigh', 'DoD'].map((cloud) => ({ service: 'MDI', workspace: 'contoso-corp', cloud, includeLegacy: true })),
      ...['US', 'EU', 'UK', 'AU', 'UAE', 'GCC', 'GCCHigh', 'DoD'].flatMap((region) => [{ service: 'MDE', region }, { service: 'MDE', region, streamlined: true }]),
    ];
    const pinned = new Set<string>([`${target.host}:${target.port}:127.0.0.1`, 'wpad.corp.contoso.com:80:127.0.0.1', 'wpad.contoso.com:80:127.0.0.1']);
    for (const request of catalogs) {
      for (const entry of (engineAnswer({ command: 'catalog', ...request }).entries ?? []) as Array<{ testUrl: string | null }>) {
        if (!entry.testUrl) continue;
        const url = new URL(entry.testUrl);
        pinned.add(`${url.hostname}:${url.port || (url.protocol === 'http:' ? 80 : 443)}:${standIn}`);
      }
    }
    expect(pinned.size).toBeGreaterThan(20);

    shell = newShell();
    const credential = "[pscredential]::new('CONTOSO\\svc-mdi-proxy', (ConvertTo-SecureString 'Example-Only' -AsPlainText -Force))";
    const setup = await run(
      shell,
      `$global:ProgressPreference = 'SilentlyContinue'; $env:MDI_NODE = ${psString(capture.path)}; Import-Module ${psString(manifest)} -Force; ` +
        `$global:ExampleResolve = ${psArray([...pinned])}; $global:ExampleRoot = ${psString(h.pki.root.certPath)}; ` +
        `$global:ExampleCredential = ${credential}; $global:cred = $global:ExampleCredential; ` +
        `$global:ExamplePfxPassword = ConvertTo-SecureString ${psString(cert.pfxPassword)} -AsPlainText -Force; Set-Location -LiteralPath ${psString(work)}; 'ok'`,
    );
    expect(setup).toEqual({ ok: true, value: ['ok'] });
  }, 180_000);

  afterAll(async () => {
    await shell?.dispose();
  });

  // Windows-only examples get no test here (a skipped real-pwsh test fails CI): SKIPPED lists them with reasons.
  it.each(examples.filter((e) => !skipReason(e)).map((e) => [e.source, e]))('%s', async (_source, example) => {
    const expectedError = SHOWS_ERROR.find(([where]) => where === example.source)?.[1];
    // Confirmation answered yes (as the admin at the prompt would); warnings are the verdicts' and not judged here.
    const defaults = `@{ '*-MDI*:Confirm' = $false${expectedError ? "; '*-MDI*:ErrorAction' = 'Continue'" : ''} }`;
    const result = await run(
      shell,
      `Set-Location -LiteralPath ${psString(work)}; $PSDefaultParameterValues = ${defaults}; $WarningPreference = 'SilentlyContinue'; ` +
        `& ([scriptblock]::Create(${fromBase64(rewrite(example.code))})) 2>&1 | Out-String -Width 120`,
    );
    expect(result.ok, `${example.source} failed: ${result.id}: ${result.message}\n${rewrite(example.code)}`).toBe(true);
    if (expectedError) expect((result.value as string[]).join('')).toContain(expectedError);
  }, 240_000);

  it('the examples sent the engine only requests the generated schema accepts', () => {
    const requests = capture.requests();
    expect(requests.length).toBeGreaterThan(10);
    for (const request of requests) expect(requestSchemaErrors(request), String(request.command)).toEqual([]);
  });
});
