// runServiceTags end to end in-process. Never real DNS: every name is pinned with a
// resolve override, or the resolver is replaced; `noDns` fails the test if a name slips through.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runServiceTags } from '../../../src/commands/service-tags.js';
import { SCHEMA_VERSION, type ServiceTagsRequest } from '../../../src/contract/types.js';
import { MdiInputError } from '../../../src/errors.js';
import { ProbeFailure } from '../../../src/probe/failure.js';
import { resolveHost } from '../../../src/probe/resolve.js';
import type { Resolver } from '../../../src/service-tags/resolve-hosts.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/service-tags/${name}`, import.meta.url), 'utf8');
const PUBLIC = fixture('ServiceTags_Public_20261116.json');
const GOVERNMENT = fixture('ServiceTags_AzureGovernment_20261116.json');
const NOW = Date.parse('2026-11-21T12:00:00Z');
const SENSOR = 'contoso-corpsensorapi.atp.azure.com';

const noDns: Resolver = (host, port, overrides) => {
  const pinned = overrides.has(`${host}:${port}`) || overrides.has(`${host}:*`) || isIP(host) !== 0;
  if (!pinned) throw new Error(`test bug: ${host}:${port} would be resolved by real DNS`);
  return resolveHost(host, port, overrides);
};

const request = (extra: Partial<ServiceTagsRequest> = {}): ServiceTagsRequest => ({
  schemaVersion: SCHEMA_VERSION,
  command: 'service-tags',
  serviceTagsJson: PUBLIC,
  serviceTagsFileName: 'ServiceTags_Public_20261116.json',
  ...extra,
});
const run = (extra: Partial<ServiceTagsRequest> = {}, resolver: Resolver = noDns) => runServiceTags(request(extra), () => undefined, { now: NOW, resolver });

async function failure(extra: Partial<ServiceTagsRequest>): Promise<MdiInputError> {
  const error = await run(extra).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MdiInputError);
  return error as MdiInputError;
}

describe('service-tags: Defender for Identity', () => {
  it('passes when the sensor API resolves inside AzureAdvancedThreatProtection, IPv4 and IPv6', async () => {
    const response = await run({ workspace: 'Contoso-Corp', resolve: [`${SENSOR}:443:20.36.120.113,2603:1000:4::141`] });
    expect(response).toMatchObject({ command: 'service-tags', cloud: 'Public', changeNumber: 412, fileDate: '2026-11-16', service: 'MDI', firewall: null, passed: true });
    expect(response.tags).toEqual([{ name: 'AzureAdvancedThreatProtection', changeNumber: 7, ipv4Prefixes: 5, ipv6Prefixes: 1 }]);
    expect(response.hosts).toEqual([{
      host: SENSOR,
      addresses: [
        { address: '20.36.120.113', family: 'IPv4', inTag: true, prefix: '20.36.120.112/29', tag: 'AzureAdvancedThreatProtection' },
        { address: '2603:1000:4::141', family: 'IPv6', inTag: true, prefix: '2603:1000:4::140/123', tag: 'AzureAdvancedThreatProtection' },
      ],
      passed: true,
      error: null,
    }]);
    expect(response.notes.join('\n')).toMatch(/Only the sensor API host is checked: the certificate allowlist hosts .* CDNs/);
  });

  it('fails when one address is outside the tag (a proxy or DNS answer from elsewhere)', async () => {
    const response = await run({ workspace: 'contoso-corp', resolve: [`${SENSOR}:*:20.36.120.113,10.1.2.3`] });
    expect(response.passed).toBe(false);
    expect(response.hosts[0]!.addresses[1]).toEqual({ address: '10.1.2.3', family: 'IPv4', inTag: false, prefix: null, tag: null });
  });

  it('GCC High: the sensor API in the AzureGovernment file', async () => {
    const host = 'contoso-corpsensorapi.atp.azure.us';
    const response = await run({ serviceTagsJson: GOVERNMENT, serviceTagsFileName: 'ServiceTags_AzureGovernment_20261116.json', cloud: 'gcchigh' as never, workspace: 'contoso-corp', resolve: [`${host}:443:52.127.49.81`] });
    expect(response).toMatchObject({ cloud: 'AzureGovernment', changeNumber: 233, passed: true });
    expect(response.hosts[0]).toMatchObject({ host, passed: true });
    expect(response.notes.join('\n')).not.toMatch(/This file is for cloud/);
  });

  it('says when the file is for another cloud than the workspace', async () => {
    const response = await run({ serviceTagsJson: GOVERNMENT, workspace: 'contoso-corp', resolve: [`${SENSOR}:443:20.36.120.113`] });
    expect(response.passed).toBe(false);
    expect(response.notes.join('\n')).toMatch(/This file is for cloud AzureGovernment, but the service's addresses are published in the Public file/);
  });

  it('without a workspace or hosts: nothing resolved, a note, and no pass', async () => {
    const response = await run({}, () => Promise.reject(new Error('no name should be resolved')));
    expect(response.hosts).toEqual([]);
    expect(response.passed).toBe(false);
    expect(response.notes.join('\n')).toMatch(/No host was checked: give the workspace name/);
    expect(response.notes.join('\n')).toMatch(/Nothing was checked/);
  });

  it('a firewall list alone is a check of its own', async () => {
    const atp = ['191.235.225.136/29', '20.36.120.112/29', '2603:1000:4::140/123', '4.232.24.24/29', '20.37.64.112/29', '51.104.25.144/29'];
    expect((await run({ firewallRanges: atp })).passed).toBe(true);
    const partial = await run({ firewallRanges: fixture('firewall-allowlist.txt').split('\n') });
    expect(partial.firewall).toEqual({ missing: ['2603:1000:4::140/123', '51.104.25.144/29'], stale: ['40.119.0.0/29'], broader: ['191.235.0.0/16'], covered: 4, passed: false });
    expect(partial.passed).toBe(false);
    expect(partial.notes.join('\n')).toMatch(/no IPv6 entry/);
    expect(partial.notes.join('\n')).toMatch(/at least a week after publication/);
    const empty = await run({ firewallRanges: ['# nothing yet', ''] });
    expect(empty.firewall?.missing).toHaveLength(6);
    expect(empty.notes.join('\n')).toMatch(/holds no entry/);
  });

  it('hosts given replace the catalog; URLs and trailing dots are accepted', async () => {
    const response = await run({
      workspace: 'ignored',
      hosts: ['https://Contoso-CorpSensorApi.atp.azure.com/tri/sensor/api/ping', `${SENSOR}.`, 'other.contoso.com'],
      resolve: [`${SENSOR}:443:20.36.120.113`, 'other.contoso.com:443:51.104.25.150'],
    });
    expect(response.hosts.map((h) => [h.host, h.passed])).toEqual([[SENSOR, true], ['other.contoso.com', true]]);
  });
});

describe('service-tags: Defender for Endpoint', () => {
  it('checks the region\'s service hosts, not certificate or sign-in hosts, against both tags', async () => {
    const asked: string[] = [];
    const resolver: Resolver = async (host) => {
      asked.push(host);
      return host.startsWith('events.') ? ['13.69.109.130'] : ['20.44.10.121', '2603:1030:f:1::2a1'];
    };
    const response = await run({ service: 'mde' as never, region: 'eu' as never }, resolver);
    expect(response.service).toBe('MDE');
    expect(response.tags.map((t) => t.name)).toEqual(['MicrosoftDefenderForEndpoint', 'OneDsCollector']);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked).not.toEqual(expect.arrayContaining(['crl.microsoft.com']));
    expect(asked.some((h) => /login|crl|ctldl|www\.microsoft\.com|enterpriseregistration|blob\.core/.test(h))).toBe(false);
    expect(response.passed).toBe(true);
    expect(response.notes.join('\n')).toMatch(/Not checked, because they are not in the Defender for Endpoint tags: Certificates \(CDN-hosted\), Authentication .* and Storage/);
  });

  it('streamlined: the *.endpoint.security.microsoft.com hosts, without the standard-list note', async () => {
    const asked: string[] = [];
    const response = await run({ service: 'MDE', region: 'US', streamlined: true }, async (host) => {
      asked.push(host);
      return ['52.148.44.33'];
    });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((host) => host.endsWith('.endpoint.security.microsoft.com'))).toBe(true);
    expect(response.passed).toBe(true);
    expect(response.notes.join('\n')).not.toMatch(/static IP ranges for streamlined/);
    expect((await run({ service: 'MDE', region: 'US' }, async () => ['52.148.44.33'])).notes.join('\n')).toMatch(/static IP ranges for streamlined connectivity/);
  });

  it('needs a region unless hosts are named', async () => {
    expect((await failure({ service: 'MDE' })).message).toMatch(/data location \(--region\)/);
    const named = await run({ service: 'MDE', hosts: ['winatp-gw-weu.microsoft.com'], resolve: ['winatp-gw-weu.microsoft.com:443:52.148.44.40'] });
    expect(named.passed).toBe(true);
  });
});

describe('service-tags: name resolution is bounded', () => {
  it('a name that does not resolve is a failed host with the reason, not an exception', async () => {
    const resolver: Resolver = async (host) => {
      if (host === 'gone.contoso.com') throw new ProbeFailure('DnsFailure', 'dns', 'This machine could not resolve gone.contoso.com (ENOTFOUND).');
      return ['20.36.120.113'];
    };
    const response = await run({ hosts: ['gone.contoso.com', SENSOR] }, resolver);
    expect(response.hosts).toEqual([
      { host: 'gone.contoso.com', addresses: [], passed: false, error: 'This machine could not resolve gone.contoso.com (ENOTFOUND).' },
      expect.objectContaining({ host: SENSOR, passed: true }),
    ]);
    expect(response.passed).toBe(false);
  });

  it('resolves at most 8 names at once, and keeps the order', async () => {
    let active = 0;
    let peak = 0;
    const resolver: Resolver = async (host) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      return [host.startsWith('in') ? '20.36.120.113' : '10.0.0.1'];
    };
    const hosts = Array.from({ length: 30 }, (_, i) => `${i % 3 ? 'in' : 'out'}${i}.contoso.com`);
    const response = await run({ hosts }, resolver);
    expect(peak).toBe(8);
    expect(response.hosts.map((h) => h.host)).toEqual(hosts);
    expect(response.hosts.map((h) => h.passed)).toEqual(hosts.map((h) => h.startsWith('in')));
  });

  it('stops waiting at the timeout: names still pending fail with the reason', async () => {
    const started = Date.now();
    const never: Resolver = (host) => (host === 'fast.contoso.com' ? Promise.resolve(['20.36.120.113']) : new Promise<string[]>(() => undefined));
    const response = await run({ hosts: ['fast.contoso.com', 'slow.contoso.com'], timeoutSec: 1 }, never);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.hosts[0]).toMatchObject({ passed: true });
    expect(response.hosts[1]).toMatchObject({ passed: false, error: 'No progress within 1 s while resolving the name.' });
  });
});

describe('service-tags: input checks', () => {
  it.each([
    [{ service: 'MDO' as never }, 'MDI_INVALID_ARGUMENT', /Service 'MDO' is not one of MDI, MDE/],
    [{ cloud: 'Mars' as never }, 'MDI_INVALID_ARGUMENT', /Cloud 'Mars'/],
    [{ region: 'Moon' as never }, 'MDI_INVALID_ARGUMENT', /Region 'Moon'/],
    [{ resolve: ['contoso:443'] }, 'MDI_INVALID_ARGUMENT', /host:port:address/],
    [{ timeoutSec: 0 }, 'MDI_INVALID_ARGUMENT', /between 1 and 300/],
    [{ workspace: 'contoso.atp.azure.com' }, 'MDI_INVALID_ARGUMENT', /Workspace name/],
    [{ hosts: ['*.contoso.com'] }, 'MDI_INVALID_ARGUMENT', /not a host name/],
    [{ hosts: ['https://'] }, 'MDI_INVALID_ARGUMENT', /not a host name or URL/],
    [{ serviceTagsJson: undefined as never }, 'MDI_SERVICE_TAGS_INVALID', /No service tags file was given/],
    [{ serviceTagsJson: '{"values": 1}' }, 'MDI_SERVICE_TAGS_INVALID', /'values' is the number 1/],
    // The firewall list is checked before the file, so both mistakes are not reported at once.
    [{ serviceTagsJson: 'garbage', firewallRanges: ['#', 'not-a-range'] }, 'MDI_FIREWALL_RANGE_INVALID', /'not-a-range' on line 2/],
  ])('%j → %s', async (extra, code, message) => {
    const error = await failure(extra);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('notes a file older than a month', async () => {
    const response = await runServiceTags(request({ firewallRanges: [] }), () => undefined, { now: Date.parse('2027-02-01T00:00:00Z') });
    expect(response.notes.join('\n')).toMatch(/The file is 77 days old/);
    expect((await run({ firewallRanges: [] })).notes.join('\n')).not.toMatch(/days old/);
  });
});
