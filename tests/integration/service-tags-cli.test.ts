// `service-tags` as the module and admins run it: the real engine bundle, through `invoke`
// (request JSON on stdin, checked against the generated schema both ways) and through the
// text CLI. Every host name is pinned with --resolve / resolve: no real DNS.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type EngineResponse, type ServiceTagsRequest, type ServiceTagsResponse } from '../../src/contract/types.js';
import { invokeEngine, runEngine } from '../support/engine.js';
import { requestSchemaErrors, responseSchemaErrors } from '../support/schema.js';

const fixtures = fileURLToPath(new URL('../fixtures/service-tags/', import.meta.url));
const PUBLIC_FILE = join(fixtures, 'ServiceTags_Public_20261116.json');
const GOVERNMENT_FILE = join(fixtures, 'ServiceTags_AzureGovernment_20261116.json');
const FIREWALL_FILE = join(fixtures, 'firewall-allowlist.txt');
const SENSOR = 'contoso-corpsensorapi.atp.azure.com';
const PIN_SENSOR = `${SENSOR}:443:20.36.120.113,2603:1000:4::141`;
const ATP = ['191.235.225.136/29', '20.36.120.112/29', '2603:1000:4::140/123', '4.232.24.24/29', '20.37.64.112/29', '51.104.25.144/29'];
const dir = mkdtempSync(join(tmpdir(), 'mdi-service-tags-'));

function asServiceTags(response: EngineResponse): ServiceTagsResponse {
  if ('error' in response) throw new Error(`engine error ${response.error.code}: ${response.error.message}`);
  if (response.command !== 'service-tags') throw new Error(`expected a service-tags answer, got ${response.command}`);
  return response;
}

/** Runs `invoke`; the request is checked against the schema unless it is meant to break it. */
async function invoke(fields: Omit<ServiceTagsRequest, 'schemaVersion' | 'command' | 'serviceTagsJson'> & { serviceTagsJson?: string }, outsideSchema = false) {
  const request = { command: 'service-tags' as const, serviceTagsJson: readFileSync(PUBLIC_FILE, 'utf8'), serviceTagsFileName: 'ServiceTags_Public_20261116.json', ...fields };
  expect(requestSchemaErrors({ schemaVersion: SCHEMA_VERSION, ...request }).length > 0).toBe(outsideSchema);
  const run = await invokeEngine(request);
  expect(responseSchemaErrors(run.response), run.stdout).toEqual([]);
  return run;
}

describe('mdi-connectivity invoke (the module\'s seam)', () => {
  it('passes with exit 0 when the sensor API resolves inside the tag', async () => {
    const run = await invoke({ workspace: 'contoso-corp', resolve: [PIN_SENSOR] });
    expect(run.exitCode, run.stderr).toBe(0);
    const response = asServiceTags(run.response);
    expect(response).toMatchObject({ cloud: 'Public', changeNumber: 412, fileDate: '2026-11-16', service: 'MDI', passed: true, firewall: null });
    expect(response.hosts[0]!.addresses.map((a) => [a.address, a.family, a.prefix])).toEqual([
      ['20.36.120.113', 'IPv4', '20.36.120.112/29'],
      ['2603:1000:4::141', 'IPv6', '2603:1000:4::140/123'],
    ]);
  });

  it('fails with exit 1 on a firewall list that misses prefixes, and lists them', async () => {
    const run = await invoke({ firewallRanges: readFileSync(FIREWALL_FILE, 'utf8').split('\n') });
    expect(run.exitCode).toBe(1);
    expect(asServiceTags(run.response).firewall).toEqual({
      missing: ['2603:1000:4::140/123', '51.104.25.144/29'], stale: ['40.119.0.0/29'], broader: ['191.235.0.0/16'], covered: 4, passed: false,
    });
  });

  it('Defender for Endpoint with named hosts, against both tags', async () => {
    const run = await invoke({ service: 'MDE', hosts: ['winatp-gw-weu.microsoft.com', 'eu-v20.events.data.microsoft.com'], resolve: ['winatp-gw-weu.microsoft.com:*:52.148.44.40', 'eu-v20.events.data.microsoft.com:443:20.42.65.85'], firewallRanges: ATP });
    const response = asServiceTags(run.response);
    expect(response.hosts.map((h) => [h.host, h.addresses[0]?.tag])).toEqual([
      ['winatp-gw-weu.microsoft.com', 'MicrosoftDefenderForEndpoint'],
      ['eu-v20.events.data.microsoft.com', 'OneDsCollector'],
    ]);
    // The MDI tag's list is all stale and all of MDE's ranges are missing here.
    expect(response.firewall?.stale).toEqual(ATP);
    expect(run.exitCode).toBe(1);
  });

  it.each([
    ['a cut-off file', { serviceTagsJson: '{"changeNumber": 1, "cloud": "Public", "values": [' }, 'MDI_SERVICE_TAGS_INVALID', /ends in the middle of the document/],
    ['another JSON document', { serviceTagsJson: '{"SensorProxyConfiguration": null}' }, 'MDI_SERVICE_TAGS_INVALID', /no 'values' array: this is not an Azure service tags file/],
    ['a prefix that is not a CIDR', { serviceTagsJson: '{"changeNumber":1,"cloud":"Public","values":[{"name":"A","properties":{"addressPrefixes":["1.2.3.0/24","1.2.3.4/40"]}}]}' }, 'MDI_SERVICE_TAGS_INVALID', /values\[0\]\.properties\.addressPrefixes\[1\] '1\.2\.3\.4\/40'/],
    ['a bad firewall entry', { firewallRanges: ['# list', '20.36.120.112/29', '20.36.120.0-20.36.120.255'] }, 'MDI_FIREWALL_RANGE_INVALID', /'20\.36\.120\.0-20\.36\.120\.255' on line 3/],
    ['an unknown service (outside the schema too)', { service: 'MDO' as never }, 'MDI_INVALID_REQUEST', /\/service must be one of MDI, MDE/],
  ])('%s: exit 2, never a stack trace', async (what, fields, code, message) => {
    const run = await invoke(fields, what.includes('outside the schema'));
    expect(run.exitCode).toBe(2);
    expect('error' in run.response && run.response.error.code).toBe(code);
    expect('error' in run.response && run.response.error.message).toMatch(message);
    expect(run.stderr).toMatch(new RegExp(`^ERROR ${code}: `, 'm'));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a request without the file text (required field) as a bad request', async () => {
    const run = await invokeEngine({ command: 'service-tags', workspace: 'contoso-corp' } as never);
    expect(run.exitCode).toBe(2);
    expect(responseSchemaErrors(run.response)).toEqual([]);
    expect(run.stderr).toMatch(/^ERROR MDI_INVALID_REQUEST: Request field \/serviceTagsJson is required/m);
  });
});

describe('mdi-connectivity service-tags (text CLI)', () => {
  const cli = (args: string[], stdin?: string) => runEngine(['service-tags', ...args], stdin === undefined ? {} : { stdin });

  it('prints the host, each address with its prefix, and exits 0', async () => {
    const run = await cli(['--file', PUBLIC_FILE, '--workspace', 'contoso-corp', '--resolve', PIN_SENSOR]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Result\s+PASSED: 1 of 1 hosts in the tag$/m);
    expect(run.stdout).toMatch(/^File\s+cloud Public, change 412, published 2026-11-16$/m);
    expect(run.stdout).toMatch(/^Tag\s+AzureAdvancedThreatProtection: 5 IPv4 and 1 IPv6 prefixes \(change 7\)$/m);
    expect(run.stdout).toMatch(/^Host\s+contoso-corpsensorapi\.atp\.azure\.com: every address in the tag$/m);
    expect(run.stdout).toMatch(/^\s+2603:1000:4::141\s+in AzureAdvancedThreatProtection 2603:1000:4::140\/123$/m);
  });

  it('lists missing, stale and broader entries of a firewall file and exits 1', async () => {
    const run = await cli(['--file', PUBLIC_FILE, '--firewall', FIREWALL_FILE]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^Firewall\s+4 of 6 tag prefixes covered; 2 missing, 1 stale, 1 broader$/m);
    expect(run.stdout).toMatch(/^Missing\s+51\.104\.25\.144\/29$/m);
    expect(run.stdout).toMatch(/^Stale\s+40\.119\.0\.0\/29$/m);
    expect(run.stdout).toMatch(/^Broader\s+191\.235\.0\.0\/16$/m);
  });

  it('reads the firewall list from stdin with --firewall -, and prints JSON that fits the schema with --json', async () => {
    const run = await cli(['--file', PUBLIC_FILE, '--firewall', '-', '--json'], `${ATP.join('\r\n')}\r\n`);
    expect(run.exitCode, run.stderr).toBe(0);
    const response = JSON.parse(run.stdout) as EngineResponse;
    expect(responseSchemaErrors(response)).toEqual([]);
    expect(asServiceTags(response).firewall).toEqual({ missing: [], stale: [], broader: [], covered: 6, passed: true });
  });

  it('GCC High against the AzureGovernment file', async () => {
    const host = 'contoso-corpsensorapi.atp.azure.us';
    const run = await cli(['--file', GOVERNMENT_FILE, '--cloud', 'GCCHigh', '--workspace', 'contoso-corp', '--resolve', `${host}:443:20.140.48.130`]);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^File\s+cloud AzureGovernment, change 233, published 2026-11-16$/m);
  });

  it('says why a host is outside the tag, and exits 1', async () => {
    const run = await cli(['--file', GOVERNMENT_FILE, '--workspace', 'contoso-corp', '--resolve', `${SENSOR}:443:20.36.120.113`]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^Host\s+contoso-corpsensorapi\.atp\.azure\.com: OUTSIDE the tag$/m);
    expect(run.stdout).toMatch(/^Note\s+This file is for cloud AzureGovernment, but the service's addresses are published in the Public file/m);
  });

  it.each([
    [[], /--file is required/],
    [['--file', join(dir, 'missing.json')], /Cannot read service tags file '.*missing\.json' \(ENOENT\)/],
    [['--file', PUBLIC_FILE, '--firewall', join(dir, 'none.txt')], /Cannot read firewall list file '.*none\.txt' \(ENOENT\)/],
    [['--file', PUBLIC_FILE, '--timeout-sec', 'soon'], /--timeout-sec 'soon' is not a number/],
    [['--file', PUBLIC_FILE, '--password', 'x'], /Unknown option '--password'/],
    [['--file', PUBLIC_FILE, '--region', 'Mars', '--service', 'MDE'], /Region 'Mars'/],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const run = await cli(args as string[]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^ERROR MDI_(INVALID_ARGUMENT|SERVICE_TAGS_INVALID): /m);
    expect(run.stderr).toMatch(message);
  });

  it('names the JSON path of a bad prefix and the line of a bad firewall entry', async () => {
    const broken = join(dir, 'ServiceTags_Public_20261117.json');
    writeFileSync(broken, readFileSync(PUBLIC_FILE, 'utf8').replace('"4.232.24.24/29"', '"4.232.24.24/29x"'));
    const file = await cli(['--file', broken]);
    expect(file.exitCode).toBe(2);
    expect(file.stderr).toMatch(/^ERROR MDI_SERVICE_TAGS_INVALID: The service tags file is not valid: values\[2\]\.properties\.addressPrefixes\[3\] '4\.232\.24\.24\/29x' is not a CIDR prefix/m);
    const list = join(dir, 'firewall.txt');
    writeFileSync(list, '# allowed\n\n20.36.120.112/29\nsensorapi.atp.azure.com\n');
    const firewall = await cli(['--file', PUBLIC_FILE, '--firewall', list]);
    expect(firewall.exitCode).toBe(2);
    expect(firewall.stderr).toMatch(/^ERROR MDI_FIREWALL_RANGE_INVALID: Firewall entry 'sensorapi\.atp\.azure\.com' on line 4 /m);
  });
});
