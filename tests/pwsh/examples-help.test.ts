// Every .EXAMPLE of every public command's comment-based help, and every ```powershell block of README.md,
// run in real pwsh against the harness's loopback peers. Names in the examples are rewritten first (proxy.contoso.com
// to the open Squid, the contoso-corp sensor API to the harness target, every catalog host pinned with -Resolve),
// so no name reaches a real resolver. What cannot run off Windows is told by SKIPPED's rules, each with its
// reason, and every rule must match an example that exists. An example that fails is a test failure.
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
    // A block that does not parse is one example, whose run then fails with the parse error (unless a rule skips it).
    '  if ($e.Count) { [pscustomobject]@{ source = "README block $b"; code = $text }; continue }',
    '  $s = 0; foreach ($st in $ast.EndBlock.Statements) { $s++; [pscustomobject]@{ source = "README block $b statement $s"; code = $st.Extent.Text } } }',
    `Set-Content -LiteralPath ${psString(out)} -Encoding UTF8 -Value (@($help) + @($readme) | ConvertTo-Json -Depth 3 -Compress)`,
  ].join('\n');
  const file = join(dirname(out), 'collect.ps1');
  writeFileSync(file, script);
  const child = spawnSync(pwsh!, ['-NoProfile', '-NonInteractive', '-File', file], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TERM: 'dumb', NO_COLOR: '1' } });
  if (child.status !== 0 || !existsSync(out)) throw new Error(`could not read the examples: ${child.stdout}${child.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as Example[];
}

/** What an example does that cannot happen off Windows, told by its code (so a rewritten README still matches). */
interface SkipRule { why: string; applies: (code: string) => boolean }
/** Each line calling one of the commands without one of the parameters (order on the line does not matter). */
const callsWithout = (commands: RegExp, parameters: RegExp) => (code: string): boolean =>
  code.split('\n').some((line) => commands.test(line) && !parameters.test(line));
const SKIPPED: SkipRule[] = [
  { why: 'remoting to domain controllers or servers (Invoke-Command -ComputerName, Get-ADDomainController)', applies: (c) => /Invoke-Command[\s\S]*-ComputerName|Get-ADDomainController|New-PSSession/.test(c) },
  { why: 'reads or writes the live registry (no -Path)', applies: callsWithout(/\b(Get-MDIProxySetting|Copy-MDIProxySetting)\b/, /\s-Path\b/) },
  { why: 'reads the live registry (-ProxySource of a service account without -Path)', applies: callsWithout(/-ProxySource\s+(LocalService|LocalSystem|WinHttp)\b/, /\s-Path\b/) },
  { why: 'finds the sensor through the AATPSensor service or the live registry (no -SensorConfigurationPath or -Path)', applies: callsWithout(/\b(Get|Set|Clear)-MDISensorProxyConfiguration\b/, /\s-(SensorConfigurationPath|Path)\b/) },
  { why: "tests this machine's own sensor configuration (AATPSensor service)", applies: callsWithout(/\bTest-MDISensorApiConnection\b/, /\s-(BypassConfiguration|SensorConfigurationPath)\b/) },
  { why: "reads this machine's sensor configuration (AATPSensor service)", applies: (c) => /-FromCurrentConfiguration\b/.test(c) },
  { why: 'reg.exe (Windows)', applies: (c) => /^\s*reg import\b/m.test(c) },
  { why: 'runs the Windows sensor installer', applies: (c) => /Start-Process[^\n]*Setup\.exe/.test(c) },
  { why: 'rebuilds module/engine, which the running suite uses (npm test builds it first)', applies: (c) => /(^|\s)\.[\\/]build\.ps1\b/.test(c) },
  { why: 'imports the module by path or name: the test session imports it from the checkout itself', applies: (c) => /^\s*Import-Module\b/m.test(c) },
  { why: 'installs the module on this machine (repository, Program Files): tests/pwsh/install-package.test.ts runs the same steps against the built package', applies: (c) => /\b(Register-PSResourceRepository|Install-PSResource|Unblock-File|Expand-Archive)\b/.test(c) },
];

/** Examples that show an error on purpose: [a piece of their code, the error id they must show]. */
const SHOWS_ERROR: Array<[string, string]> = [['$config = Get-MDISensorProxyConfiguration\n', 'MDI_SENSOR_CONFIG_NOT_FOUND']];

const examples = collectExamples();
const expectedErrorOf = (example: Example): string | undefined => SHOWS_ERROR.find(([piece]) => example.code.includes(piece))?.[1];
const skipReason = (example: Example): string | undefined => (expectedErrorOf(example) ? undefined : SKIPPED.find((rule) => rule.applies(example.code))?.why);

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

  it.skipIf(skipPwsh)('every skip rule and every expected error matches an example that exists', () => {
    for (const rule of SKIPPED) expect(examples.some((e) => rule.applies(e.code)), rule.why).toBe(true);
    for (const [piece] of SHOWS_ERROR) expect(examples.some((e) => e.code.includes(piece)), piece).toBe(true);
    const skipped = examples.filter((e) => skipReason(e));
    console.log(`examples: ${examples.length - skipped.length} run, ${skipped.length} cannot run off Windows:\n${skipped.map((e) => `  ${e.source}: ${skipReason(e)}`).join('\n')}`);
    expect(skipped.length).toBeLessThan(examples.length / 2);
  });

  it.skipIf(skipPwsh)('the skip rules tell a Windows-only call from one with a file to read', () => {
    const why = (code: string): string | undefined => skipReason({ source: 'sample', code });
    expect(why('Get-MDIProxySetting')).toMatch(/live registry/);
    expect(why('Get-MDIProxySetting -Path ./dc01.reg')).toBeUndefined();
    expect(why('Copy-MDIProxySetting -To LocalService -Confirm:$false')).toMatch(/live registry/);
    expect(why('Set-MDISensorProxyConfiguration -ProxyUrl http://p:1 -SensorConfigurationPath ./dc01')).toBeUndefined();
    expect(why("Set-MDISensorProxyConfiguration '' -SkipServiceRestart")).toMatch(/AATPSensor/);
    expect(why('Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl https://x')).toBeUndefined();
    expect(why('Test-MDIConnectivity contoso-corp -ProxySource LocalService')).toMatch(/live registry/);
    expect(why('Test-MDIConnectivity contoso-corp -ProxySource LocalService -Path ./dc01.reg')).toBeUndefined();
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
    const expectedError = expectedErrorOf(example);
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
