// The module's side of issue 5: Test-MDEConnectivity (the Client Analyzer's five routes), the allowlist
// and root-certificate results of Test-MDIConnectivity, and Test-MDISensorApiConnection kept to the sensor
// API. Text-level checks against the generated JSON Schema (module/schema, written by npm run build) run
// everywhere; the checks in real PowerShell run only where pwsh exists and print why they are skipped.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { nodeForModule, newShell, psArray, psString, run, skipPwsh } from '../support/pwsh.js';
import { buildRegFile, regBinary, regSz, writeRegFile } from '../../src/codecs/reg-file.js';
import { encodeWinHttpSettings, newWinHttpSettings } from '../../src/codecs/winhttp-settings.js';
import { TELEMETRY_VALUE } from '../../src/sensor-config/unified-values.js';
import { locationOf } from '../../src/settings/scopes.js';
import { SCHEMA_VERSION } from '../../src/contract/types.js';
import {
  commandName, helpBlock, manifestPath, moduleDir, parameterDeclarations, privateFiles, psd1Array, publicFiles, read, repo, stripPowerShell, xmlProblems,
} from './powershell-text.js';

const file = (folder: 'Public' | 'Private', name: string): string => join(moduleDir, folder, `${name}.ps1`);
const text = (folder: 'Public' | 'Private', name: string): string => read(file(folder, name));
const code = (folder: 'Public' | 'Private', name: string): string => stripPowerShell(text(folder, name));
/** The file without its comments but with its strings (stripPowerShell blanks both); positions are kept. */
const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
const live = (folder: 'Public' | 'Private', name: string): string =>
  text(folder, name).replace(/<#[\s\S]*?#>/g, blank).replace(/(^|[\s;({}])(#[^\n]*)/g, (_m, lead: string, comment: string) => lead + blank(comment));
const params = (name: string) => parameterDeclarations(text('Public', name));
const param = (name: string, parameter: string) => params(name).find((p) => p.name === parameter);
const pascal = (field: string): string => field[0]!.toUpperCase() + field.slice(1);

// ---- the generated JSON Schema: the contract as the engine checks it -------------------------------

interface SchemaNode { properties?: Record<string, SchemaNode>; required?: string[]; enum?: string[]; const?: string; $ref?: string; anyOf?: SchemaNode[] }
interface Schema { definitions: Record<string, SchemaNode> }
const schemaPath = (name: string): string => join(moduleDir, 'schema', name);
function loadSchema(name: string): Schema {
  if (!existsSync(schemaPath(name))) throw new Error(`${schemaPath(name)} is missing: run npm run build (npm test does)`);
  return JSON.parse(read(schemaPath(name))) as Schema;
}
const requestSchema = loadSchema('engine-request.schema.json');
const responseSchema = loadSchema('engine-response.schema.json');
const fieldsOf = (schema: Schema, name: string): string[] => {
  const definition = schema.definitions[name];
  if (!definition?.properties) throw new Error(`the schema has no ${name}`);
  return Object.keys(definition.properties);
};
const enumOf = (schema: Schema, name: string): string[] => schema.definitions[name]?.enum ?? [];

/** Keys a file puts in $<variable>: the `$<variable> = @{ ... }` literal and every `$<variable>['key']`. */
function requestKeys(raw: string, variable = 'request'): string[] {
  const literal = new RegExp(`\\$${variable} = @\\{\\n([\\s\\S]*?)\\n\\s*\\}`).exec(raw)?.[1] ?? '';
  const literalKeys = [...literal.matchAll(/^\s*(\w+)\s*=/gm)].map((m) => m[1]!);
  const indexKeys = [...raw.matchAll(new RegExp(`\\$${variable}\\['(\\w+)'\\]`, 'g'))].map((m) => m[1]!);
  return [...new Set([...literalKeys, ...indexKeys])];
}

/** Properties of the [pscustomobject]@{ PSTypeName = '<type>' ... } a file builds, in order. */
function objectProperties(source: string, type: string): string[] {
  const block = new RegExp(`PSTypeName\\s*=\\s*'${type.replace(/\./g, '\\.')}'([\\s\\S]*?)\\n\\s*\\}`).exec(source)?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+)\s*=/gm)].map((m) => m[1]!);
}

/** The fields a file reads with Get-MDIPropertyValue $<variable> '<field>'. */
const fieldsRead = (raw: string, variable: string): string[] =>
  [...new Set([...raw.matchAll(new RegExp(`Get-MDIPropertyValue \\$${variable} '(\\w+)'`, 'g'))].map((m) => m[1]!))];

/** The fields a converter reads from the ConvertTo-MDIPropertyTable hashtable $<variable>: $<variable>['<field>']. */
const tableFieldsRead = (raw: string, variable: string): string[] =>
  [...new Set([...raw.matchAll(new RegExp(`\\$${variable}\\['(\\w+)'\\]`, 'g'))].map((m) => m[1]!))];

const validateSet = (declaration: string): string[] => [...(/\[ValidateSet\(([^)]*)\)\]/.exec(declaration)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);

describe('Test-MDEConnectivity: parameters and request', () => {
  const raw = text('Public', 'Test-MDEConnectivity');

  it('is exported and declares the documented parameters', () => {
    expect(psd1Array(read(manifestPath), 'FunctionsToExport')).toContain('Test-MDEConnectivity');
    expect(params('Test-MDEConnectivity').map((p) => p.name)).toEqual([
      'Region', 'Streamlined', 'ProxyUrl', 'Path', 'DnsSuffix', 'TrustedRootCertificate', 'Resolve', 'TimeoutSec', 'ThrottleLimit', 'AsAnalyzerText', 'Quiet',
    ]);
    const region = param('Test-MDEConnectivity', 'Region')!;
    expect(region).toMatchObject({ mandatoryIn: ['*'], position: 0, type: 'string' });
    expect(validateSet(region.text)).toEqual(enumOf(requestSchema, 'MdeRegion'));
    expect(param('Test-MDEConnectivity', 'TimeoutSec')!.text).toMatch(/\[ValidateRange\(1, 300\)\]/);
    expect(param('Test-MDEConnectivity', 'ThrottleLimit')!.text).toMatch(/\[ValidateRange\(1, 64\)\]/);
    for (const name of ['Streamlined', 'AsAnalyzerText', 'Quiet']) expect(param('Test-MDEConnectivity', name)!.type, name).toBe('switch');
    expect(param('Test-MDEConnectivity', 'TrustedRootCertificate')!.type).toBe('string[]');
    expect(param('Test-MDEConnectivity', 'Resolve')!.type).toBe('string[]');
    // -AsAnalyzerText and -Quiet answer differently, so they cannot be combined.
    expect(param('Test-MDEConnectivity', 'AsAnalyzerText')).toMatchObject({ sets: ['AnalyzerText'], mandatoryIn: ['AnalyzerText'] });
    expect(param('Test-MDEConnectivity', 'Quiet')).toMatchObject({ sets: ['Quiet'], mandatoryIn: ['Quiet'] });
    expect(raw).toMatch(/\[CmdletBinding\(DefaultParameterSetName = 'Objects'\)\]/);
  });

  it('sends exactly the MdeTestRequest fields of the schema (wpadPort, a test-only knob, aside)', () => {
    const schemaFields = fieldsOf(requestSchema, 'MdeTestRequest');
    const own = requestKeys(raw);
    // The settings come from the shared helpers, merged key by key.
    expect(code('Public', 'Test-MDEConnectivity')).toMatch(/\$settingsInput = Get-MDISettingsInput -Path \$export -DnsSuffix \$DnsSuffix\n/);
    expect(code('Public', 'Test-MDEConnectivity')).toMatch(/foreach \(\$key in @\(\$settingsInput\.Keys\)\) \{ \$request\[\$key\] = \$settingsInput\[\$key\] \}/);
    expect(code('Public', 'Test-MDEConnectivity')).toMatch(/\$unified = Get-MDIUnifiedProxyInput\n/);
    expect(code('Public', 'Test-MDEConnectivity')).toMatch(/foreach \(\$key in @\(\$unified\.Fields\.Keys\)\) \{ \$request\[\$key\] = \$unified\.Fields\[\$key\] \}/);
    const merged = [...requestKeys(text('Private', 'Get-MDISettingsInput'), 'settingsInput'), ...requestKeys(text('Private', 'Get-MDIUnifiedProxyInput'), 'unifiedInput')];
    const sent = [...new Set([...own, ...merged])].sort();
    for (const key of sent) expect(schemaFields, key).toContain(key);
    // frontEnd is added by the seam (Invoke-MDIEngine) to every request.
    expect(sent).toEqual(schemaFields.filter((field) => field !== 'wpadPort' && field !== 'frontEnd').sort());
    expect(raw).toMatch(/command\s+=\s+'mde-test'/);
    expect(raw).toMatch(/schemaVersion\s+=\s+\$script:MDIExpectedSchemaVersion/);
    expect(requestSchema.definitions.MdeTestRequest!.required).toEqual(expect.arrayContaining(['schemaVersion', 'command', 'region']));
  });

  it('reads the live registry only on Windows without -Path, and says off Windows which routes do not exist', () => {
    const source = code('Public', 'Test-MDEConnectivity');
    // Get-MDISettingsInput returns $null off Windows without -Path; only then is nothing read.
    const unified = source.indexOf('$unified = Get-MDIUnifiedProxyInput');
    expect(source.slice(source.indexOf('if ($null -ne $settingsInput)'), unified)).toMatch(/if \(-not \$export\) \{\s*$/);
    const raw2 = text('Public', 'Test-MDEConnectivity');
    expect(raw2).toMatch(/Write-Verbose \(\$message/);
    expect(raw2).toMatch(/route 1\)[^\n]*route 4\)[^\n]*do not exist/);
    expect(raw2).toMatch(/WPAD \(route 2\)/);
    expect(raw2).toMatch(/\$request\['dnsSuffix'\] = \$DnsSuffix/);
  });

  it('reads -TrustedRootCertificate through the helper Test-MDIConnectivity uses, not a copy', () => {
    const readers = [...publicFiles, ...privateFiles].filter((f) => /ReadAllText|ReadAllBytes/.test(stripPowerShell(read(f))) && /BEGIN CERTIFICATE/.test(read(f))).map(commandName);
    expect(readers).toEqual(['Read-MDITrustedRootCertificate']);
    expect(code('Public', 'Test-MDEConnectivity')).toMatch(/Read-MDITrustedRootCertificate -Path \$TrustedRootCertificate/);
    expect(code('Private', 'New-MDITestRequest')).toMatch(/Read-MDITrustedRootCertificate -Path \$TrustedRootCertificate/);
  });

  it('runs the engine through the seam with a time limit for many URLs, and reads only MdeTestResponse fields', () => {
    const source = code('Public', 'Test-MDEConnectivity');
    expect(source).toMatch(/Invoke-MDIEngine -Request \$request -Caller \$PSCmdlet -ProgressActivity \$activity -TimeLimitSec \$limit/);
    expect(source).toMatch(/Write-Progress -Activity \$activity -Completed/);
    expect(source).toMatch(/\$PSCmdlet\.ThrowTerminatingError\(\(New-MDIErrorRecord -FromErrorRecord \$_\)\)/);
    const response = fieldsOf(responseSchema, 'MdeTestResponse');
    for (const field of fieldsRead(raw, 'response')) expect(response, field).toContain(field);
    for (const field of fieldsRead(raw, 'route')) expect(fieldsOf(responseSchema, 'MdeRoute'), field).toContain(field);
    for (const field of fieldsRead(raw, '_')) expect(fieldsOf(responseSchema, 'MdeUrlResult'), field).toContain(field);
    expect(fieldsRead(raw, 'response')).toEqual(expect.arrayContaining(['urls', 'routes', 'notes', 'passed', 'analyzerText']));
  });

  it('returns the analyzer text as it came, $passed with -Quiet, and warns with the count of failed URLs', () => {
    const source = live('Public', 'Test-MDEConnectivity');
    expect(source).toMatch(/if \(\$AsAnalyzerText\) \{ return \[string\]\(Get-MDIPropertyValue \$response 'analyzerText'\) \}/);
    expect(source).toMatch(/if \(\$Quiet\) \{ return \$passed \}/);
    expect(source).toMatch(/\$passed = \[bool\]\(Get-MDIPropertyValue \$response 'passed'\)/);
    expect(source).toMatch(/if \(-not \$passed\) \{[\s\S]*?Write-Warning \(/);
    expect(text('Public', 'Test-MDEConnectivity')).toMatch(/'\{0\} of \{1\} Defender for Endpoint URLs/);
    expect(source).toMatch(/foreach \(\$note in @\(Get-MDIPropertyValue \$response 'notes'\)\) \{ Write-Verbose/);
    expect(source).toMatch(/\$urls \| ConvertTo-MDEUrlResult\s*\}\s*$/);
  });

  it('documents the region, -Streamlined, -ProxyUrl, -AsAnalyzerText | Out-File and Invoke-Command in examples', () => {
    const help = helpBlock(raw);
    const examples = help.split(/^\s*\.EXAMPLE\s*$/m).slice(1);
    const has = (pattern: RegExp): boolean => examples.some((example) => pattern.test(example));
    expect(has(/Test-MDEConnectivity -Region EU\s*\n/)).toBe(true);
    expect(has(/-Streamlined/)).toBe(true);
    expect(has(/-ProxyUrl http:\/\//)).toBe(true);
    expect(has(/-AsAnalyzerText \| Out-File/)).toBe(true);
    expect(has(/Invoke-Command -ComputerName[\s\S]*Test-MDEConnectivity/)).toBe(true);
    // The five routes, numbered and named as the analyzer prints them (FACTS section 6).
    expect(help).toMatch(/1 - Default proxy[\s\S]*2 - Proxy auto discovery \(WPAD\)[\s\S]*3 - Proxy disabled[\s\S]*4 - Named proxy[\s\S]*TelemetryProxyServer[\s\S]*5 - Command line proxy/);
  });
});

describe('the MDE output objects', () => {
  const converter = text('Private', 'ConvertTo-MDEUrlResult');
  const urlProperties = objectProperties(converter, 'MDIConnectivity.MdeUrlResult');
  const routeProperties = objectProperties(converter, 'MDIConnectivity.MdeRouteResult');
  const kinds = enumOf(responseSchema, 'MdeRouteKind');

  it('sets every MdeUrlResult field (PascalCase), one property per route kind, and Results', () => {
    const fields = fieldsOf(responseSchema, 'MdeUrlResult').filter((f) => f !== 'results').map(pascal);
    expect(kinds).toEqual(['DefaultProxy', 'Wpad', 'Direct', 'NamedProxy', 'CommandLineProxy']);
    expect(urlProperties).toEqual(['Url', 'Category', 'EntryId', 'Reachable', 'Passed', ...kinds, 'Results']);
    for (const field of fields) expect(urlProperties, field).toContain(field);
    for (const field of fieldsOf(responseSchema, 'MdeUrlResult')) expect(tableFieldsRead(converter, 'u'), field).toContain(field);
    for (const kind of kinds) expect(converter).toContain(`$byKind['${kind}']`);
  });

  it('sets every MdeRouteResult field on MDIConnectivity.MdeRouteResult, keeping nullable numbers $null', () => {
    expect(routeProperties).toEqual(fieldsOf(responseSchema, 'MdeRouteResult').map(pascal));
    expect(tableFieldsRead(converter, 'r').sort()).toEqual(fieldsOf(responseSchema, 'MdeRouteResult').sort());
    expect(converter).toMatch(/foreach \(\$name in @\('httpStatus', 'analyzerCode'\)\)/);
  });

  it('has a table view (also for deserialized copies) with Passed, Category, Url and a short outcome per route', () => {
    const format = read(join(moduleDir, 'MDIConnectivity.Format.ps1xml'));
    expect(xmlProblems(format)).toEqual([]);
    const view = format.split('<View>').find((v) => v.includes('<TypeName>MDIConnectivity.MdeUrlResult</TypeName>')) ?? '';
    expect(view).toContain('<TypeName>Deserialized.MDIConnectivity.MdeUrlResult</TypeName>');
    const headers = [...view.matchAll(/<Label>(\w+)<\/Label>/g)].map((m) => m[1]!);
    expect(headers).toEqual(['Passed', 'Category', 'Url', ...kinds]);
    expect((view.match(/<TableColumnItem>/g) ?? []).length).toBe(headers.length);
    for (const m of view.matchAll(/<PropertyName>(\w+)<\/PropertyName>/g)) expect(urlProperties).toContain(m[1]);
    for (const m of view.matchAll(/\$_\.(\w+)/g)) expect(urlProperties).toContain(m[1]);
    for (const m of view.matchAll(/\$r\.(\w+)/g)) expect(routeProperties).toContain(m[1]);
    for (const kind of kinds) expect(view).toContain(`$r = $_.${kind};`);
    // "Succeeded (200)", "Failed (503)", "Doesn't exist": the analyzer's words.
    expect(view).toContain("'{0} ({1})' -f $r.Outcome, $r.AnalyzerCode");
    expect(view).toContain(`$r.Outcome -eq 'DoesNotExist') { "Doesn't exist" }`);
    expect(enumOf(responseSchema, 'MdeOutcome')).toEqual(['Succeeded', 'Failed', 'DoesNotExist']);
  });

  it('keeps the nested route results through remoting (serialization depth)', () => {
    const types = read(join(moduleDir, 'MDIConnectivity.Types.ps1xml'));
    expect(xmlProblems(types)).toEqual([]);
    expect(types).toMatch(/<Name>MDIConnectivity\.MdeUrlResult<\/Name>\s*<Members>\s*<MemberSet>\s*<Name>PSStandardMembers<\/Name>\s*<Members>\s*<NoteProperty>\s*<Name>SerializationDepth<\/Name>\s*<Value>[3-9]<\/Value>/);
  });
});

describe('Test-MDIConnectivity: allowlist, root certificates and the new parameters', () => {
  const builder = text('Private', 'New-MDITestRequest');
  const runner = live('Private', 'Invoke-MDITest');
  const command = code('Public', 'Test-MDIConnectivity');

  it('the seam and every request speak the schema version of the contract', () => {
    expect(/\$script:MDIExpectedSchemaVersion\s*=\s*(\d+)/.exec(text('Private', 'Invoke-MDIEngine'))?.[1]).toBe(String(SCHEMA_VERSION));
    expect(SCHEMA_VERSION).toBe(4);
    const literal = [...publicFiles, ...privateFiles].filter((f) => /schemaVersion\s*=\s*\d/.test(stripPowerShell(read(f)))).map(commandName);
    expect(literal).toEqual([]);
  });

  it('New-MDITestRequest sends allowlist, includeLegacy, maxConnectionsPerProxy and the root store, all TestRequest fields', () => {
    const fields = fieldsOf(requestSchema, 'TestRequest');
    const keys = requestKeys(builder);
    for (const key of ['allowlist', 'includeLegacy', 'maxConnectionsPerProxy']) expect(keys).toContain(key);
    for (const key of keys) expect(fields, key).toContain(key);
    const source = live('Private', 'New-MDITestRequest');
    expect(source).toMatch(/if \(\$SkipAllowlist\) \{\s*\$request\['allowlist'\] = \$false/);
    expect(source).toMatch(/if \(\$IncludeLegacyEndpoints\) \{ \$request\['includeLegacy'\] = \$true \}/);
    expect(source).toMatch(/if \(\$ThrottleLimit -gt 0\) \{ \$request\['maxConnectionsPerProxy'\] = \$ThrottleLimit \}/);
  });

  it('adds the root store only with the allowlist on, merging what Get-MDIRootStoreInput returns', () => {
    const source = stripPowerShell(builder);
    const call = source.indexOf('Get-MDIRootStoreInput -RootStorePath $RootStorePath');
    expect(call).toBeGreaterThan(0);
    const skip = source.indexOf('if ($SkipAllowlist) {');
    const otherwise = source.indexOf('else {', skip);
    expect(skip).toBeGreaterThan(0);
    expect(otherwise).toBeGreaterThan(skip);
    expect(call).toBeGreaterThan(otherwise);
    expect(source).toMatch(/foreach \(\$key in @\(\$rootStore\.Keys\)\) \{ \$request\[\$key\] = \$rootStore\[\$key\] \}/);
    // What the helper may return: the RootStoreInput fields, all TestRequest fields.
    const fields = fieldsOf(requestSchema, 'TestRequest');
    for (const key of ['rootStoreThumbprints', 'rootStorePem', 'rootStoreLabel']) expect(fields).toContain(key);
  });

  it('takes -SkipAllowlist, -IncludeLegacyEndpoints, -ThrottleLimit (1..64) and -RootStorePath and passes them through', () => {
    expect(param('Test-MDIConnectivity', 'SkipAllowlist')!.type).toBe('switch');
    expect(param('Test-MDIConnectivity', 'IncludeLegacyEndpoints')!.type).toBe('switch');
    expect(param('Test-MDIConnectivity', 'ThrottleLimit')!.text).toMatch(/\[ValidateRange\(1, 64\)\]\s*\[int\] \$ThrottleLimit/);
    expect(param('Test-MDIConnectivity', 'RootStorePath')!.type).toBe('string');
    const pass = '-SkipAllowlist:$SkipAllowlist -IncludeLegacyEndpoints:$IncludeLegacyEndpoints -ThrottleLimit $ThrottleLimit -RootStorePath $RootStorePath';
    expect(command).toContain(pass);
    expect(runner).toContain(pass);
    expect(runner).toMatch(/-TimeLimitSec \(\$TimeoutSec \* \$waves\)/);
  });

  it('returns the engine\'s overall passed, and the checks followed by one result per required root', () => {
    expect(runner).toMatch(/\$passed = \$checks\.Count -gt 0 -and \[bool\]\(Get-MDIPropertyValue \$response 'passed'\)/);
    expect(runner).toMatch(/\$report = Get-MDIPropertyValue \$response 'rootCertificates'/);
    expect(runner).toMatch(/ConvertTo-MDIRootCertificateCheck -Report \$report/);
    expect(command).toMatch(/if \(\$Quiet\) \{ return \[bool\]\$outcome\.Passed \}\s*\$outcome\.Checks\s*\$outcome\.RootChecks\s*\}/);
    for (const field of fieldsRead(text('Private', 'Invoke-MDITest'), 'response')) expect(fieldsOf(responseSchema, 'TestResponse'), field).toContain(field);
  });

  it('ConvertTo-MDICheckResult sets EndpointId, Category and Required, every CheckResult field of the schema', () => {
    const properties = objectProperties(text('Private', 'ConvertTo-MDICheckResult'), 'MDIConnectivity.CheckResult');
    expect(properties.slice().sort()).toEqual(fieldsOf(responseSchema, 'CheckResult').map(pascal).sort());
    for (const name of ['EndpointId', 'Category', 'Required']) expect(properties).toContain(name);
  });

  it('root results have the CheckResult shape, one per required root, and every RootCertificateStatus and report field is read', () => {
    const roots = text('Private', 'ConvertTo-MDIRootCertificateCheck');
    expect(objectProperties(roots, 'MDIConnectivity.CheckResult')).toEqual(objectProperties(text('Private', 'ConvertTo-MDICheckResult'), 'MDIConnectivity.CheckResult'));
    expect(fieldsRead(roots, 'root').sort()).toEqual(fieldsOf(responseSchema, 'RootCertificateStatus').sort());
    expect(fieldsRead(roots, 'Report').sort()).toEqual(fieldsOf(responseSchema, 'RootCertificateReport').filter((f) => f !== 'passed').sort());
    // Informational roots (they never change passed) reach the verbose stream only.
    expect(live('Private', 'ConvertTo-MDIRootCertificateCheck')).toMatch(/if \(-not \$required\) \{[\s\S]*?Write-Verbose[\s\S]*?continue\s*\}/);
    expect(live('Private', 'ConvertTo-MDIRootCertificateCheck')).toMatch(/\$required = \$requiredFor -notmatch 'informational'/);
    expect(roots).toMatch(/Category\s+= 'RootCertificate'/);
    expect(roots).toMatch(/EndpointId\s+= 'root\.' \+ \$thumbprint/);
    expect(roots).toMatch(/Required\s+= \$true/);
    const verdicts = enumOf(responseSchema, 'Verdict');
    for (const verdict of [...roots.matchAll(/\$verdict = '(\w+)'/g)].map((m) => m[1]!)) expect(verdicts).toContain(verdict);
    expect([...roots.matchAll(/\$verdict = '(\w+)'/g)].map((m) => m[1]!)).toEqual(['Pass', 'CertificateUntrusted', 'CertificateExpired']);
  });

  it('the CheckResult view shows Category first, and nothing misleading for root results', () => {
    const format = read(join(moduleDir, 'MDIConnectivity.Format.ps1xml'));
    const view = format.split('<View>').find((v) => v.includes('<Name>MDIConnectivity.CheckResult.Table</Name>')) ?? '';
    expect(view).toContain("elseif ($_.Category -ne 'RootCertificate') { 'direct' }");
  });

  it('documents the allowlist, the root results and the new parameters', () => {
    const help = helpBlock(text('Public', 'Test-MDIConnectivity'));
    for (const word of ['CertificateAllowlist', 'CertificateRevocation', 'LegacyRegional', 'RootCertificate', 'CertificateUntrusted', 'Cert:\\LocalMachine\\Root', 'port 80']) {
      expect(help, word).toContain(word);
    }
    expect(help).toMatch(/\.EXAMPLE\s+[^\n]*-SkipAllowlist/);
    expect(help).toMatch(/\.EXAMPLE\s+[^\n]*-IncludeLegacyEndpoints/);
    expect(help).toMatch(/\.EXAMPLE\s+[^\n]*-RootStorePath/);
  });
});

describe('Test-MDISensorApiConnection keeps the official semantics', () => {
  it('sends allowlist = false (the sensor API only) in both parameter sets', () => {
    const source = code('Public', 'Test-MDISensorApiConnection');
    const calls = [...source.matchAll(/Invoke-MDITest -Caller \$PSCmdlet(?:`\n|[^\n])*/g)].map((m) => m[0]);
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(call).toMatch(/-SkipAllowlist\b/);
    expect(params('Test-MDISensorApiConnection').map((p) => p.name)).not.toContain('SkipAllowlist');
  });
});

// ---- in real PowerShell ------------------------------------------------------------------------------

const engine = join(repo, 'module', 'engine', 'mdi-connectivity.mjs');

/** The engine's own answer to a request, straight through its stdin (what the module's seam does). */
function engineAnswer(request: Record<string, unknown>): Record<string, unknown> {
  const child = spawnSync(process.execPath, [engine, 'invoke'], { input: JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...request }), encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(child.stdout) as Record<string, unknown>;
}

interface CatalogEntry { id: string; category: string; testUrl: string | null; port: number; required: boolean }
const catalog = (request: Record<string, unknown>): CatalogEntry[] => (engineAnswer({ command: 'catalog', ...request }).entries ?? []) as CatalogEntry[];
/** host:port:127.0.0.1 for every URL, so the direct route never leaves the machine. */
const loopback = (entries: CatalogEntry[], except: string[] = []): string[] =>
  [...new Set(entries.filter((e) => e.testUrl).map((e) => new URL(e.testUrl!)).filter((u) => !except.includes(u.hostname)).map((u) => `${u.hostname}:${u.port || (u.protocol === 'http:' ? 80 : 443)}:127.0.0.1`))];

const ROUTE_LINES = ['1 - Default proxy', '2 - Proxy auto discovery (WPAD)', '3 - Proxy disabled', '4 - Named proxy', '5 - Command line proxy'];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(skipPwsh)('Test-MDEConnectivity and the allowlist in real PowerShell', () => {
  const h = inject('harness');
  let shell: PowerShell;
  let regPath = '';
  let euUrls: string[] = [];
  let euResolve: string[] = [];
  const proxy = (): string => h.squid.urls.open;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdi-mde-'));
    // Routes 1 and 4 through the open Squid: it knows no Microsoft name (its resolver is the NXDOMAIN
    // server), so nothing leaves the machine and every probe fails the same way.
    const winHttp = locationOf('WinHttp');
    const proxyHost = new URL(proxy()).host;
    regPath = join(dir, 'device.reg');
    writeFileSync(regPath, writeRegFile(buildRegFile([
      { path: winHttp.key, values: [{ name: winHttp.value, data: regBinary(encodeWinHttpSettings(newWinHttpSettings({ proxyServer: proxyHost }))) }] },
      { path: TELEMETRY_VALUE.key, values: [{ name: TELEMETRY_VALUE.name, data: regSz(proxyHost) }] },
    ])));
    const eu = catalog({ service: 'MDE', region: 'EU' });
    euUrls = eu.filter((e) => e.testUrl).map((e) => e.testUrl!);
    euResolve = loopback(eu);
    expect(euUrls.length).toBeGreaterThan(10);

    shell = newShell();
    const setup = await run(shell, `$ProgressPreference = 'SilentlyContinue'; $global:ProgressPreference = 'SilentlyContinue'; $env:MDI_NODE = ${psString(nodeForModule)}; Import-Module ${psString(join(repo, 'MDIConnectivity.psd1'))} -Force; 'ok'`);
    expect(setup).toEqual({ ok: true, value: ['ok'] });
  }, 120_000);

  afterAll(async () => {
    await shell?.dispose();
  });

  const mdeArgs = (): string => `-Region EU -Path ${psString(regPath)} -ProxyUrl ${psString(proxy())} -Resolve ${psArray(euResolve)} -TimeoutSec 5`;

  it('-AsAnalyzerText returns the engine\'s analyzer text exactly: one block of five numbered routes per URL', async () => {
    const result = await run(shell, `$t = @(Test-MDEConnectivity ${mdeArgs()} -AsAnalyzerText -WarningAction SilentlyContinue); [pscustomobject]@{ count = $t.Count; isString = $t[0] -is [string]; text = $t[0] }`);
    expect(result.ok, result.message).toBe(true);
    const [answer] = result.value as Array<{ count: number; isString: boolean; text: string }>;
    expect(answer).toMatchObject({ count: 1, isString: true });
    const direct = engineAnswer({
      command: 'mde-test', region: 'EU', proxyUrl: proxy(), resolve: euResolve, timeoutSec: 5,
      regFileBase64: readFileSync(regPath).toString('base64'),
    });
    expect(answer!.text).toBe(direct.analyzerText);
    for (const url of euUrls) {
      const block = new RegExp(`Testing URL : ${escape(url)}\\r?\\n${ROUTE_LINES.map((label) => `${escape(label)}: ([^\\r\\n]+)`).join('\\r?\\n')}`).exec(answer!.text);
      expect(block, url).not.toBeNull();
      const outcomes = block!.slice(1);
      for (const outcome of outcomes) expect(outcome).toMatch(/^(Succeeded \(\d+\)|Failed( \(\d+\))?|Doesn't exist)$/);
      // Routes 1 and 4 come from the export and 5 from -ProxyUrl, so they exist; the export names no DNS
      // suffix, so WPAD does not.
      for (const index of [0, 3, 4]) expect(outcomes[index], `${url} ${ROUTE_LINES[index]}`).not.toBe("Doesn't exist");
      expect(outcomes[1], url).toBe("Doesn't exist");
    }
  }, 180_000);

  it('returns one MDIConnectivity.MdeUrlResult per URL with its five typed route results, and warns with the count', async () => {
    const result = await run(
      shell,
      `$all = @(Test-MDEConnectivity ${mdeArgs()} 3>&1); ` +
        `$urls = @($all | Where-Object { $_.PSObject.TypeNames -contains 'MDIConnectivity.MdeUrlResult' }); ` +
        `[pscustomobject]@{ warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message }); ` +
        `table = ($urls | Out-String -Width 400); ` +
        `urls = @($urls | ForEach-Object { $u = $_; [pscustomobject]@{ url = $u.Url; passed = $u.Passed; category = $u.Category; entryId = $u.EntryId; ` +
        `routes = @($u.Results | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Route, $_.Kind, $_.Outcome, $_.PSObject.TypeNames[0] }); ` +
        `byKind = @('DefaultProxy', 'Wpad', 'Direct', 'NamedProxy', 'CommandLineProxy' | ForEach-Object { $u.$_.Kind }) } }) }`,
    );
    expect(result.ok, result.message).toBe(true);
    const [answer] = result.value as Array<{ warnings: string[]; table: string; urls: Array<{ url: string; passed: boolean; category: string; entryId: string; routes: string[]; byKind: string[] }> }>;
    expect(answer!.urls.map((u) => u.url).sort()).toEqual([...euUrls].sort());
    // The same request straight to the engine: the module keeps its per-URL answer and its order.
    const direct = engineAnswer({ command: 'mde-test', region: 'EU', proxyUrl: proxy(), resolve: euResolve, timeoutSec: 5, regFileBase64: readFileSync(regPath).toString('base64') });
    const engineUrls = direct.urls as Array<{ url: string; passed: boolean; entryId: string; category: string }>;
    expect(answer!.urls.map((u) => [u.url, u.passed, u.entryId, u.category])).toEqual(engineUrls.map((u) => [u.url, u.passed, u.entryId, u.category]));
    const failed = engineUrls.filter((u) => !u.passed).length;
    expect(direct.passed).toBe(false);
    expect(failed).toBeGreaterThan(0);
    for (const url of answer!.urls) {
      expect(url.entryId).toMatch(/^mde\./);
      expect(url.routes.map((r) => r.split('|').slice(0, 2).join('|'))).toEqual(['1|DefaultProxy', '2|Wpad', '3|Direct', '4|NamedProxy', '5|CommandLineProxy']);
      for (const route of url.routes) expect(route).toMatch(/\|(Succeeded|Failed|DoesNotExist)\|MDIConnectivity\.MdeRouteResult$/);
      expect(url.byKind).toEqual(['DefaultProxy', 'Wpad', 'Direct', 'NamedProxy', 'CommandLineProxy']);
    }
    expect(answer!.warnings).toHaveLength(1);
    expect(answer!.warnings[0]).toMatch(new RegExp(`^${failed} of ${euUrls.length} Defender for Endpoint URLs \\(EU\\)`));
    expect(answer!.table).toMatch(/Passed\s+Category\s+Url\s+DefaultProxy\s+Wpad\s+Direct\s+NamedProxy\s+CommandLineProxy/);
    expect(answer!.table).toMatch(/Failed/);
  }, 180_000);

  it('-Quiet returns exactly one $false, and the route results survive serialization (remoting depth)', async () => {
    const quiet = await run(shell, `$q = @(Test-MDEConnectivity ${mdeArgs()} -Quiet -WarningAction SilentlyContinue); [pscustomobject]@{ count = $q.Count; isBool = $q[0] -is [bool]; value = $q[0] }`);
    expect(quiet.value).toEqual([{ count: 1, isBool: true, value: false }]);
    const copy = await run(
      shell,
      `$u = @(Test-MDEConnectivity ${mdeArgs()} -WarningAction SilentlyContinue)[0]; ` +
        `$d = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($u, 1)); ` +
        `[pscustomobject]@{ type = $d.PSObject.TypeNames[0]; outcome = [string]$d.DefaultProxy.Outcome; results = @($d.Results | ForEach-Object { [string]$_.Kind }) -join ',' }`,
    );
    expect(copy.value).toEqual([{ type: 'Deserialized.MDIConnectivity.MdeUrlResult', outcome: expect.stringMatching(/^(Succeeded|Failed|DoesNotExist)$/), results: 'DefaultProxy,Wpad,Direct,NamedProxy,CommandLineProxy' }]);
  }, 180_000);

  it.skipIf(process.platform === 'win32')('off Windows without -Path: routes 1, 2 and 4 do not exist, and -Verbose says so', async () => {
    const uk = catalog({ service: 'MDE', region: 'UK' });
    const result = await run(
      shell,
      `$all = @(Test-MDEConnectivity -Region uk -Resolve ${psArray(loopback(uk))} -TimeoutSec 5 -Verbose -WarningAction SilentlyContinue 4>&1); ` +
        `[pscustomobject]@{ verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message }) -join [char]10; ` +
        `outcomes = @($all | Where-Object { $_.PSObject.TypeNames -contains 'MDIConnectivity.MdeUrlResult' } | ForEach-Object { '{0},{1},{2},{3}' -f $_.DefaultProxy.Outcome, $_.Wpad.Outcome, $_.NamedProxy.Outcome, $_.CommandLineProxy.Outcome } | Sort-Object -Unique) }`,
    );
    expect(result.ok, result.message).toBe(true);
    const [answer] = result.value as Array<{ verbose: string; outcomes: string[] }>;
    expect(answer!.verbose).toMatch(/Not on Windows and no -Path[^\n]*route 1[^\n]*route 4[^\n]*do not exist[^\n]*WPAD \(route 2\)/);
    expect(answer!.outcomes).toEqual(['DoesNotExist,DoesNotExist,DoesNotExist,DoesNotExist']);
  }, 180_000);

  it('Test-MDIConnectivity: the sensor API first (SensorApi, mdi.sensor-api), then the allowlist, then one result per required root', async () => {
    const target = h.targets.ok;
    const mdi = catalog({ service: 'MDI', workspace: target.workspace });
    const resolve = [`${target.host}:${target.port}:127.0.0.1`, ...loopback(mdi, [target.host])];
    const common = `-SensorApiUrl ${psString(target.url)} -ProxySource Direct -Resolve ${psArray(resolve)} -TrustedRootCertificate ${psString(h.pki.root.certPath)} -TimeoutSec 5`;
    const summary = `ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Category, $_.EndpointId, $_.Required, $_.Verdict, $_.PSObject.TypeNames[0] }`;
    const only = await run(shell, `Test-MDIConnectivity ${common} -SkipAllowlist | ${summary}`);
    expect(only.value).toEqual(['SensorApi|mdi.sensor-api|True|Pass|MDIConnectivity.CheckResult']);
    const quietOnly = await run(shell, `Test-MDIConnectivity ${common} -SkipAllowlist -Quiet`);
    expect(quietOnly.value).toEqual([true]);

    // With the allowlist: the lab root bundle stands for the machine store, so the required roots are missing.
    const all = await run(shell, `Test-MDIConnectivity ${common} -RootStorePath ${psString(h.pki.root.certPath)} -ThrottleLimit 4 | ${summary}`);
    expect(all.ok, all.message).toBe(true);
    const rows = (all.value as string[]).map((row) => row.split('|'));
    expect(rows[0]).toEqual(['SensorApi', 'mdi.sensor-api', 'True', 'Pass', 'MDIConnectivity.CheckResult']);
    const categories = rows.map((row) => row[0]!);
    expect(categories).toContain('CertificateAllowlist');
    expect(categories).not.toContain('LegacyRegional');
    const roots = rows.filter((row) => row[0] === 'RootCertificate');
    expect(roots.length).toBeGreaterThan(0);
    expect(categories.slice(categories.length - roots.length)).toEqual(roots.map(() => 'RootCertificate'));
    // The commercial cloud requires one root (DigiCert Global Root G2); the informational Azure roots stay on the verbose stream.
    expect(roots).toEqual([['RootCertificate', 'root.DF3C24F9BFD666761B268073FE06D1CC8D4F82A4', 'True', 'CertificateUntrusted', 'MDIConnectivity.CheckResult']]);
    const quiet = await run(shell, `Test-MDIConnectivity ${common} -RootStorePath ${psString(h.pki.root.certPath)} -Quiet`);
    expect(quiet.value).toEqual([false]);
  }, 180_000);

  it('Test-MDISensorApiConnection -Detailed returns the sensor API checks only', async () => {
    const target = h.targets.ok;
    const result = await run(
      shell,
      `Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl ${psString(target.url)} -Resolve ${psString(`${target.host}:${target.port}:127.0.0.1`)} ` +
        `-TrustedRootCertificate ${psString(h.pki.root.certPath)} -TimeoutSec 5 -Detailed | ForEach-Object { '{0}|{1}' -f $_.Category, $_.Verdict }`,
    );
    expect(result.value).toEqual(['SensorApi|Pass']);
  }, 60_000);
});
