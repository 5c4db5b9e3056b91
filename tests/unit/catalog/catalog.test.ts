// The endpoint catalog, checked line by line for every selection an admin can make:
// every MDE data location standard and streamlined, every MDI cloud with and without legacy records.
import { describe, expect, it } from 'vitest';
import type { CatalogEntry, CatalogRequest, CatalogResponse, Cloud } from '../../../src/contract/types.js';
import { SCHEMA_VERSION } from '../../../src/contract/types.js';
import { MDE_REGIONS } from '../../../src/catalog/names.js';
import { runCatalog } from '../../../src/catalog/select.js';
import { CATALOG_VERSION } from '../../../src/catalog/sources.js';
import { CLOUDS } from '../../../src/endpoints/sensor-api.js';
import { ErrorCode, MdiInputError } from '../../../src/errors.js';
import { parse, render, renderList, renderTable } from '../../../src/cli/catalog-cli.js';

const catalog = (request: Omit<CatalogRequest, 'schemaVersion' | 'command'>): CatalogResponse =>
  runCatalog({ schemaVersion: SCHEMA_VERSION, command: 'catalog', ...request });

const REACHABLE = new Set([200, 400, 404, 405, 503]);

/** Does the allowlist line let this URL through: exact host, host/path/* prefix, or *.domain suffix. */
function allowlistCovers(line: string, url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const rule = line.toLowerCase();
  if (rule.startsWith('*.')) return host.endsWith(rule.slice(1));
  const slash = rule.indexOf('/');
  if (slash === -1) return host === rule;
  const [ruleHost, rulePath] = [rule.slice(0, slash), rule.slice(slash)];
  expect(rulePath.endsWith('/*'), `path rule '${line}' ends with /*`).toBe(true);
  return host === ruleHost && url.pathname.toLowerCase().startsWith(rulePath.slice(0, -1));
}

describe('the allowlist matcher these tests use', () => {
  it.each([
    ['crl.microsoft.com', 'http://crl.microsoft.com/a.crl', true],
    ['crl.microsoft.com', 'http://crl3.microsoft.com/a.crl', false],
    ['www.microsoft.com/pki/*', 'http://www.microsoft.com/pki/certs/x.crt', true],
    ['www.microsoft.com/pki/*', 'http://www.microsoft.com/pkiops/crl/x.crl', false],
    ['*.blob.core.windows.net', 'https://a.blob.core.windows.net/', true],
    ['*.blob.core.windows.net', 'https://blob.core.windows.net.example/', false],
  ])('%s vs %s → %s', (line, url, covered) => {
    expect(allowlistCovers(line, new URL(url))).toBe(covered);
  });
});

const selections: [string, Omit<CatalogRequest, 'schemaVersion' | 'command'>][] = [
  ...MDE_REGIONS.flatMap((region) => [false, true].map((streamlined) =>
    [`MDE ${region}${streamlined ? ' streamlined' : ''}`, { service: 'MDE' as const, region, streamlined }] as [string, Omit<CatalogRequest, 'schemaVersion' | 'command'>])),
  ...CLOUDS.flatMap((cloud) => [false, true].map((includeLegacy) =>
    [`MDI ${cloud}${includeLegacy ? ' with legacy' : ''}`, { service: 'MDI' as const, cloud, includeLegacy, workspace: 'contoso' }] as [string, Omit<CatalogRequest, 'schemaVersion' | 'command'>])),
];

describe.each(selections)('catalog %s', (_name, request) => {
  const response = catalog(request);
  const entries = response.entries;

  it('has entries, the catalog version and the contract fields', () => {
    expect(entries.length).toBeGreaterThan(3);
    expect(response.catalogVersion).toBe(CATALOG_VERSION);
    expect(response.command).toBe('catalog');
    expect(response.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('gives every entry a unique id, its service, a source and an allowlist line', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const e of entries) {
      expect(e.service, e.id).toBe(request.service);
      expect(e.source.trim(), e.id).not.toBe('');
      expect(e.allowlist.trim(), e.id).not.toBe('');
      expect(e.allowlist, e.id).not.toMatch(/\s|^https?:/);
      expect(e.geography.trim(), e.id).not.toBe('');
    }
  });

  it('expects only statuses that prove the service answered', () => {
    for (const e of entries) {
      expect(e.reachable.length, e.id).toBeGreaterThan(0);
      for (const status of e.reachable) expect(REACHABLE.has(status), `${e.id} ${status}`).toBe(true);
    }
  });

  it('uses port 80 exactly for plain-HTTP test URLs, 443 otherwise', () => {
    for (const e of entries) expect(e.port, e.id).toBe(e.testUrl?.startsWith('http://') ? 80 : 443);
  });

  it('tests a URL the entry\'s own allowlist line lets through, each URL once', () => {
    const tested = entries.filter((e): e is CatalogEntry & { testUrl: string } => e.testUrl !== null);
    for (const e of tested) {
      const url = new URL(e.testUrl);
      expect(['http:', 'https:'], e.id).toContain(url.protocol);
      expect(url.port, `${e.id}: default port`).toBe('');
      expect(allowlistCovers(e.allowlist, url), `${e.id}: ${e.testUrl} vs ${e.allowlist}`).toBe(true);
    }
    expect(new Set(tested.map((e) => e.testUrl)).size).toBe(tested.length);
  });

  it('names no single host only for wildcard lines', () => {
    for (const e of entries.filter((entry) => entry.testUrl === null)) expect(e.allowlist, e.id).toMatch(/^\*\./);
  });
});

describe('catalog facts (FACTS §2, §6)', () => {
  const byId = (response: CatalogResponse, id: string): CatalogEntry => {
    const entry = response.entries.find((e) => e.id === id);
    expect(entry, id).toBeDefined();
    return entry!;
  };

  it('US has the winatp-gw-cus gateway answering 200 at /commands/test', () => {
    const gw = byId(catalog({ service: 'MDE', region: 'US' }), 'mde.us.gateway.cus');
    expect(gw).toMatchObject({ allowlist: 'winatp-gw-cus.microsoft.com', testUrl: 'https://winatp-gw-cus.microsoft.com/commands/test', reachable: [200], port: 443, required: true });
  });

  it('blob storage answers 400', () => {
    const storage = catalog({ service: 'MDE', region: 'EU' }).entries.filter((e) => e.category === 'Storage');
    expect(storage.length).toBeGreaterThan(0);
    for (const e of storage) expect(e.reachable, e.id).toEqual([400]);
  });

  it('the streamlined antivirus path answers 404, the EDR test 200', () => {
    const streamlined = catalog({ service: 'MDE', region: 'US', streamlined: true });
    expect(byId(streamlined, 'mde.streamlined.mdav.us')).toMatchObject({ testUrl: 'https://mdav.us.endpoint.security.microsoft.com/mdav/test', reachable: [404] });
    expect(byId(streamlined, 'mde.streamlined.edr.cus').reachable).toEqual([200]);
    expect(streamlined.entries.some((e) => e.allowlist === '*.endpoint.security.microsoft.com')).toBe(true);
    expect(streamlined.entries.some((e) => e.category === 'CommandAndControl')).toBe(false);
  });

  it('gov streamlined uses the .us domain and says no test hosts are known', () => {
    const gov = catalog({ service: 'MDE', region: 'GCCHigh', streamlined: true });
    expect(gov.entries.some((e) => e.allowlist === '*.endpoint.security.microsoft.us')).toBe(true);
    expect(gov.notes.join(' ')).toMatch(/no streamlined test hosts for GCCHigh/);
  });

  it.each(CLOUDS)('MDI %s requires crl.microsoft.com on port 80 and the certificate allowlist', (cloud: Cloud) => {
    const response = catalog({ cloud });
    expect(byId(response, 'mdi.cert.crl')).toMatchObject({ allowlist: 'crl.microsoft.com', port: 80, required: true, category: 'CertificateAllowlist' });
    const required = response.entries.filter((e) => e.category === 'CertificateAllowlist').map((e) => e.allowlist);
    expect(required).toEqual(['crl.microsoft.com', 'ctldl.windowsupdate.com', 'www.microsoft.com/pkiops/*', 'www.microsoft.com/pki/*']);
    for (const e of response.entries.filter((entry) => entry.category === 'CertificateRevocation')) expect(e.required, e.id).toBe(false);
  });

  it('MDI defaults to Commercial and names the legacy records only when asked', () => {
    const plain = catalog({ workspace: 'contoso' });
    expect(byId(plain, 'mdi.sensor-api').allowlist).toBe('contososensorapi.atp.azure.com');
    expect(plain.entries.some((e) => e.category === 'LegacyRegional')).toBe(false);
    const legacy = catalog({ workspace: 'contoso', includeLegacy: true });
    expect(byId(legacy, 'mdi.legacy.triprd1wcuks2').allowlist).toBe('triprd1wcuks2sensorapi.atp.azure.com');
    expect(byId(catalog({ cloud: 'GCCHigh', includeLegacy: true }), 'mdi.legacy.triff1wcva1').allowlist).toBe('triff1wcva1sensorapi.atp.azure.us');
  });
});

describe('catalog workspace substitution', () => {
  it.each([
    ['Commercial', 'Contoso-Corp', 'contoso-corpsensorapi.atp.azure.com'],
    ['GCC', 'contoso', 'contososensorapi.atp.gcc.azure.com'],
    ['GCCHigh', 'contoso', 'contososensorapi.atp.azure.us'],
    ['DoD', ' contoso ', 'contososensorapi.atp.azure.us'],
  ] as [Cloud, string, string][])('%s %j → %s', (cloud, workspace, host) => {
    const response = catalog({ cloud, workspace });
    const api = response.entries.find((e) => e.id === 'mdi.sensor-api')!;
    expect(api).toMatchObject({ allowlist: host, testUrl: `https://${host}/tri/sensor/api/ping`, reachable: [200, 503], required: true });
    expect(response.notes.join(' ')).not.toMatch(/workspace/);
  });

  it('without a workspace keeps the placeholder, tests nothing there and says so', () => {
    const response = catalog({ cloud: 'Commercial' });
    const api = response.entries.find((e) => e.id === 'mdi.sensor-api')!;
    expect(api.allowlist).toBe('<workspace>sensorapi.atp.azure.com');
    expect(api.testUrl).toBeNull();
    expect(response.notes.join(' ')).toMatch(/workspace name/);
  });
});

describe('catalog names and errors', () => {
  it.each([
    [{ service: 'mde', region: 'eu' }, 'EU'],
    [{ service: 'MDE', region: 'gcchigh' }, 'GCCHigh'],
    [{ service: 'MDE', region: 'Dod' }, 'DoD'],
  ])('accepts %j in any casing', (request, region) => {
    const response = catalog(request as Omit<CatalogRequest, 'schemaVersion' | 'command'>);
    expect(response.entries.every((e) => e.geography === 'WW' || e.geography === region)).toBe(true);
  });

  it('accepts cloud names in any casing', () => {
    expect(catalog({ cloud: 'gcchigh' as Cloud, workspace: 'c' }).entries[0]!.allowlist).toBe('csensorapi.atp.azure.us');
  });

  it.each([
    [{ service: 'MDE', region: 'Mars' }, /Region 'Mars' is not one of/],
    [{ service: 'MDE' }, /data location/],
    [{ cloud: 'Azure' }, /Cloud 'Azure' is not one of/],
    [{ service: 'ATP' }, /Service 'ATP' is not one of/],
    [{ workspace: 'contoso.atp.azure.com' }, /not valid/],
  ])('%j → MDI_INVALID_ARGUMENT', (request, message) => {
    let thrown: unknown;
    try {
      catalog(request as Omit<CatalogRequest, 'schemaVersion' | 'command'>);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MdiInputError);
    expect((thrown as MdiInputError).code).toBe(ErrorCode.InvalidArgument);
    expect((thrown as MdiInputError).message).toMatch(message);
  });
});

describe('catalog CLI arguments and views', () => {
  it.each([
    [[], { service: 'MDI' }, 'table'],
    [['--cloud', 'gcc-high', '--workspace', 'contoso', '--include-legacy'], { service: 'MDI', cloud: 'GCCHigh', workspace: 'contoso', includeLegacy: true }, 'table'],
    [['--region', 'eu', '--format', 'LIST'], { service: 'MDE', region: 'EU' }, 'list'],
    [['--service', 'mde', '--region', 'UK', '--streamlined', '--json'], { service: 'MDE', region: 'UK', streamlined: true }, 'table'],
  ] as [string[], Partial<CatalogRequest>, string][])('%j', (argv, fields, format) => {
    const parsed = parse(argv);
    expect(parsed.request).toEqual({ schemaVersion: SCHEMA_VERSION, command: 'catalog', ...fields });
    expect(parsed.format).toBe(format);
    expect(parsed.json).toBe(argv.includes('--json'));
  });

  it.each([
    [['--service', 'MDE'], /needs --region/],
    [['--region', 'US', '--workspace', 'x'], /--workspace applies to Defender for Identity/],
    [['--streamlined'], /--streamlined applies to Defender for Endpoint/],
    [['--format', 'csv'], /--format 'csv' is not one of table, list/],
    [['--cloud', 'Azure'], /--cloud 'Azure' is not one of/],
    [['--bogus'], /Unknown option/],
  ])('%j is refused', (argv, message) => {
    expect(() => parse(argv)).toThrow(message);
  });

  it('renders a table with every entry, then the catalog version and notes', () => {
    const response = catalog({ cloud: 'Commercial' });
    const text = renderTable(response);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Allowlist\s+Port\s+Category\s+Required\s+Test URL$/);
    expect(text).toMatch(/^crl\.microsoft\.com\s+80\s+CertificateAllowlist\s+required\s+http:\/\/crl\.microsoft\.com\//m);
    expect(text).toMatch(/^<workspace>sensorapi\.atp\.azure\.com\s+443\s+SensorApi\s+required\s+-$/m);
    expect(text).toMatch(/^ocsp\.digicert\.com\s+80\s+CertificateRevocation\s+optional\s+/m);
    expect(text).toContain(`Catalog ${CATALOG_VERSION}: ${response.entries.length} entries`);
    expect(text).toMatch(/^Note: Give a workspace name/m);
    // Each entry note once, with the lines it applies to.
    expect(text.match(/Used by the Azure issuing CAs/g)).toHaveLength(1);
  });

  it('renders the list as unique allowlist lines only, notes aside', () => {
    const response = catalog({ service: 'MDE', region: 'US' });
    // The catalog lists crl.microsoft.com once; a duplicate must still come out once.
    const doubled: CatalogResponse = { ...response, entries: [...response.entries, response.entries[0]!] };
    const warnings: string[] = [];
    const lines = renderList({ ...doubled, notes: ['a note'] }, (line) => warnings.push(line)).trimEnd().split('\n');
    expect(lines).toEqual([...new Set(response.entries.map((e) => e.allowlist))]);
    expect(lines).toContain('winatp-gw-cus.microsoft.com');
    expect(lines).toContain('*.blob.core.windows.net');
    expect(warnings).toEqual(['Note: a note']);
  });

  it('render follows the parsed --format', () => {
    const response = catalog({ service: 'MDE', region: 'AU' });
    expect(render(response, parse(['--region', 'AU', '--format', 'list'])).split('\n')[0]).toBe('crl.microsoft.com');
    expect(render(response, parse(['--region', 'AU'])).split('\n')[0]).toMatch(/^Allowlist/);
  });
});
