import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostResult, locateAddress } from '../../../src/service-tags/membership.js';
import { selectTags } from '../../../src/service-tags/tag-selection.js';
import { readServiceTagsFile } from '../../../src/service-tags/tags-file.js';

const text = readFileSync(new URL('../../fixtures/service-tags/ServiceTags_Public_20261116.json', import.meta.url), 'utf8');
const file = readServiceTagsFile(text);
const mdi = selectTags(file, 'MDI');
const mde = selectTags(file, 'MDE');

describe('the service tags of each service', () => {
  it('MDI: AzureAdvancedThreatProtection only, counted per family', () => {
    expect(mdi.summaries).toEqual([{ name: 'AzureAdvancedThreatProtection', changeNumber: 7, ipv4Prefixes: 5, ipv6Prefixes: 1 }]);
    expect(mdi.prefixes.map((p) => p.tag)).toEqual(Array(6).fill('AzureAdvancedThreatProtection'));
    expect(mdi.notes).toEqual([]);
  });

  it('MDE: MicrosoftDefenderForEndpoint and OneDsCollector', () => {
    expect(mde.summaries.map((s) => [s.name, s.ipv4Prefixes, s.ipv6Prefixes])).toEqual([
      ['MicrosoftDefenderForEndpoint', 4, 1],
      ['OneDsCollector', 4, 1],
    ]);
  });

  it('says when a tag is absent from the file, and never reads a regional variant as the tag', () => {
    const government = readServiceTagsFile(readFileSync(new URL('../../fixtures/service-tags/ServiceTags_AzureGovernment_20261116.json', import.meta.url), 'utf8'));
    const selected = selectTags(government, 'MDE');
    expect(selected.summaries).toEqual([]);
    expect(selected.notes.join('\n')).toMatch(/cloud AzureGovernment\) has no MicrosoftDefenderForEndpoint tag/);
    expect(selected.notes.join('\n')).toMatch(/has no OneDsCollector tag/);
    const regional = readServiceTagsFile(JSON.stringify({
      changeNumber: 1,
      cloud: 'Public',
      values: [
        { name: 'AzureAdvancedThreatProtection.WestEurope', properties: { addressPrefixes: ['51.104.25.144/29'] } },
        { name: 'AzureAdvancedThreatProtection', properties: { addressPrefixes: ['20.36.120.112/29'] } },
      ],
    }));
    const picked = selectTags(regional, 'MDI');
    expect(picked.prefixes.map((p) => p.prefix.text)).toEqual(['20.36.120.112/29']);
    expect(picked.notes.join('\n')).toMatch(/regional AzureAdvancedThreatProtection tags \(AzureAdvancedThreatProtection\.WestEurope\)/);
  });
});

describe('is an address in the tag', () => {
  it.each([
    ['20.36.120.113', 'IPv4', 'AzureAdvancedThreatProtection', '20.36.120.112/29'],
    ['191.235.225.143', 'IPv4', 'AzureAdvancedThreatProtection', '191.235.225.136/29'],
    ['2603:1000:4::141', 'IPv6', 'AzureAdvancedThreatProtection', '2603:1000:4::140/123'],
    ['2603:1000:0004:0000:0000:0000:0000:015f', 'IPv6', 'AzureAdvancedThreatProtection', '2603:1000:4::140/123'],
    ['::ffff:20.36.120.113', 'IPv4', 'AzureAdvancedThreatProtection', '20.36.120.112/29'],
    ['20.36.120.120', 'IPv4', null, null],
    ['2603:1000:4::160', 'IPv6', null, null],
    ['::ffff:2603:1000', 'IPv4', null, null], // mapped 38.3.16.0, written in hex
    ['51.104.26.1', 'IPv4', null, null],
  ])('%s (%s) → %s %s', (address, family, tag, prefix) => {
    expect(locateAddress(address, mdi.prefixes)).toEqual({ address, family, inTag: tag !== null, prefix, tag });
  });

  it('names the most specific prefix when tags overlap', () => {
    expect(locateAddress('20.44.10.121', mde.prefixes)).toMatchObject({ inTag: true, prefix: '20.44.10.120/29' });
    expect(locateAddress('13.69.109.130', mde.prefixes)).toMatchObject({ inTag: true, tag: 'OneDsCollector', prefix: '13.69.109.130/32' });
    expect(locateAddress('2603:1030:f:1::2a1', mde.prefixes)).toMatchObject({ inTag: true, tag: 'MicrosoftDefenderForEndpoint' });
  });

  it('passes a host only when it resolved and every address is in the tag', () => {
    expect(hostResult('a', ['20.36.120.113', '2603:1000:4::141'], null, mdi.prefixes)).toMatchObject({ passed: true, error: null });
    expect(hostResult('b', ['20.36.120.113', '20.36.120.120'], null, mdi.prefixes)).toMatchObject({ passed: false, error: null });
    expect(hostResult('c', [], null, mdi.prefixes)).toEqual({ host: 'c', addresses: [], passed: false, error: 'The name resolved to no address.' });
    expect(hostResult('d', null, 'This machine could not resolve d (ENOTFOUND).', mdi.prefixes)).toEqual({
      host: 'd', addresses: [], passed: false, error: 'This machine could not resolve d (ENOTFOUND).',
    });
    expect(hostResult('e', ['20.36.120.113'], null, [])).toMatchObject({ passed: false });
  });
});
