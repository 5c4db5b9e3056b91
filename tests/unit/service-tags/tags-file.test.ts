import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MdiInputError } from '../../../src/errors.js';
import { fileAgeDays, fileDateFrom } from '../../../src/service-tags/file-date.js';
import { readServiceTagsFile } from '../../../src/service-tags/tags-file.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/service-tags/${name}`, import.meta.url), 'utf8');
const PUBLIC = fixture('ServiceTags_Public_20261116.json');

/** The code and message of what readServiceTagsFile throws, or 'parsed'. */
function outcome(text: string): string {
  try {
    readServiceTagsFile(text);
    return 'parsed';
  } catch (error) {
    if (!(error instanceof MdiInputError)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

/** The public fixture with one change made to its parsed document. */
function edited(change: (doc: any) => unknown): string {
  const doc = JSON.parse(PUBLIC);
  const replaced = change(doc);
  return JSON.stringify(replaced === undefined ? doc : replaced);
}

describe('reading a service tags file', () => {
  it('reads the public fixture: cloud, change number and every tag, IPv4 and IPv6 mixed', () => {
    const file = readServiceTagsFile(PUBLIC);
    expect(file.cloud).toBe('Public');
    expect(file.changeNumber).toBe(412);
    expect([...file.tags.keys()]).toContain('AzureAdvancedThreatProtection');
    expect(file.tags.get('AzureAdvancedThreatProtection')).toEqual({
      name: 'AzureAdvancedThreatProtection',
      changeNumber: 7,
      prefixes: ['191.235.225.136/29', '20.36.120.112/29', '2603:1000:4::140/123', '4.232.24.24/29', '20.37.64.112/29', '51.104.25.144/29'],
    });
    expect(file.tags.get('AzureCloud.westeurope')?.prefixes).toHaveLength(3);
  });

  it('reads the government fixture, a byte-order mark and a minimal tag', () => {
    expect(readServiceTagsFile(fixture('ServiceTags_AzureGovernment_20261116.json')).cloud).toBe('AzureGovernment');
    const minimal = '\uFEFF{"changeNumber":1,"cloud":"China","values":[{"name":"X","properties":{"addressPrefixes":[]}}]}';
    expect(readServiceTagsFile(minimal).tags.get('X')).toEqual({ name: 'X', changeNumber: null, prefixes: [] });
  });

  it.each([
    ['an empty file', '', /the file is empty/],
    ['whitespace', ' \n\t', /the file is empty/],
    ['text that is not JSON', 'ServiceTags_Public_20261116', /not valid JSON: unexpected "S" at line 1 column 1/],
    ['HTML from a sign-in page', '\r\n<!DOCTYPE html><html><body>Sign in</body></html>', /not valid JSON: unexpected "<" at line 2 column 1/],
    ['a stray character', PUBLIC.replace('"cloud": "Public",', '"cloud": "Public",,'), /not valid JSON: error at line 3 column 21/],
    ['a missing comma', PUBLIC.replace('"cloud": "Public",', '"cloud": "Public"'), /not valid JSON: error at line 4 column 3/],
    ['text after the document', `${PUBLIC}\n}`, /not valid JSON: error at line \d+ column 1/],
    ['a cut-off download', PUBLIC.slice(0, 200), /not valid JSON: it ends in the middle of the document: was it cut short/],
    ['a download cut after a value', PUBLIC.slice(0, PUBLIC.indexOf('412') + 3), /it ends in the middle of the document/],
    ['a download cut inside true', '{"a": tru', /it ends in the middle of the document/],
    ['a JSON array', '[1,2]', /holds an array, not the JSON object/],
    ['a JSON string', '"values"', /holds the string 'values'/],
    ['null', 'null', /holds null/],
    ['another JSON document', '{"SensorProxyConfiguration":{"Url":"http://proxy:8080"}}', /no 'values' array: this is not an Azure service tags file/],
    ['values that is an object', edited((d) => { d.values = {}; }), /'values' is an object, not an array/],
    ['no cloud', edited((d) => { delete d.cloud; }), /: cloud is missing/],
    ['a numeric cloud', edited((d) => { d.cloud = 3; }), /cloud is the number 3, not a string/],
    ['an empty cloud', edited((d) => { d.cloud = ' '; }), /'cloud' is empty/],
    ['no changeNumber', edited((d) => { delete d.changeNumber; }), /: changeNumber is missing/],
    ['a string changeNumber', edited((d) => { d.changeNumber = '412'; }), /changeNumber is the string '412', not a whole number/],
    ['a fractional changeNumber', edited((d) => { d.changeNumber = 4.5; }), /changeNumber is the number 4.5, not a whole number/],
    ['a value that is a string', edited((d) => { d.values[2] = 'AzureAdvancedThreatProtection'; }), /values\[2\] is the string 'AzureAdvancedThreatProtection', not a tag object/],
    ['a value without a name', edited((d) => { delete d.values[1].name; }), /values\[1\]\.name is missing/],
    ['an empty name', edited((d) => { d.values[1].name = ''; }), /values\[1\]\.name is empty/],
    ['a numeric id', edited((d) => { d.values[0].id = 7; }), /values\[0\]\.id is the number 7, not a string/],
    ['no properties', edited((d) => { delete d.values[3].properties; }), /values\[3\]\.properties is missing/],
    ['properties that is an array', edited((d) => { d.values[3].properties = []; }), /values\[3\]\.properties is an array/],
    ['a numeric region', edited((d) => { d.values[3].properties.region = 18; }), /values\[3\]\.properties\.region is the number 18, not a string/],
    ['a string regionId', edited((d) => { d.values[3].properties.regionId = '18'; }), /values\[3\]\.properties\.regionId is the string '18', not a number/],
    ['networkFeatures that is a string', edited((d) => { d.values[0].properties.networkFeatures = 'API'; }), /values\[0\]\.properties\.networkFeatures is the string 'API', not an array or null/],
    ['a numeric network feature', edited((d) => { d.values[0].properties.networkFeatures[1] = 1; }), /values\[0\]\.properties\.networkFeatures\[1\] is the number 1/],
    ['a tag changeNumber that is negative', edited((d) => { d.values[2].properties.changeNumber = -1; }), /values\[2\]\.properties\.changeNumber is the number -1/],
    ['no addressPrefixes', edited((d) => { delete d.values[2].properties.addressPrefixes; }), /values\[2\]\.properties\.addressPrefixes is missing/],
    ['addressPrefixes that is a string', edited((d) => { d.values[2].properties.addressPrefixes = '20.36.120.112/29'; }), /values\[2\]\.properties\.addressPrefixes is the string '20\.36\.120\.112\/29', not an array/],
    ['a numeric prefix', edited((d) => { d.values[2].properties.addressPrefixes[1] = 20; }), /values\[2\]\.properties\.addressPrefixes\[1\] is the number 20, not a prefix string/],
    ['a prefix without bits', edited((d) => { d.values[2].properties.addressPrefixes[2] = '20.36.120.112'; }), /values\[2\]\.properties\.addressPrefixes\[2\] '20\.36\.120\.112' is not a CIDR prefix: the prefix length/],
    ['a prefix with too many bits', edited((d) => { d.values[5].properties.addressPrefixes[2] = '2603:1006:2000::/129'; }), /values\[5\]\.properties\.addressPrefixes\[2\] '2603:1006:2000::\/129' is not a CIDR prefix: .*0 to 128/],
    ['a host name as prefix', edited((d) => { d.values[4].properties.addressPrefixes[0] = 'winatp-gw-cus.microsoft.com'; }), /values\[4\]\.properties\.addressPrefixes\[0\] 'winatp-gw-cus\.microsoft\.com' is not a CIDR prefix: not an IPv4 or IPv6 address/],
    ['a very long bad prefix', edited((d) => { d.values[4].properties.addressPrefixes[0] = 'x'.repeat(500); }), /'x{57}\.\.\.' is not a CIDR prefix/],
  ])('refuses %s with MDI_SERVICE_TAGS_INVALID and where', (_what, text, message) => {
    const result = outcome(text);
    expect(result).toMatch(/^MDI_SERVICE_TAGS_INVALID: The service tags file is not valid: /);
    expect(result).toMatch(message);
    expect(result.length).toBeLessThan(400);
  });

  it('every prefix of a valid file either parses or gives the typed error, never another exception', () => {
    for (let length = 0; length <= PUBLIC.length; length++) {
      const result = outcome(PUBLIC.slice(0, length));
      if (result !== 'parsed') expect(result, `prefix of ${length} characters`).toMatch(/^MDI_SERVICE_TAGS_INVALID: /);
    }
    expect(outcome(PUBLIC)).toBe('parsed');
  });

  it('every one-character corruption of a valid file either parses or gives the typed error', () => {
    const replacements = ['"', '{', ']', '0', 'x', ':', '/', ',', ' '];
    for (let i = 0; i < PUBLIC.length; i += 7) {
      const text = PUBLIC.slice(0, i) + replacements[i % replacements.length]! + PUBLIC.slice(i + 1);
      const result = outcome(text);
      if (result !== 'parsed') expect(result, `corruption at ${i}`).toMatch(/^MDI_SERVICE_TAGS_INVALID: /);
    }
  });
});

describe('the publication date in the file name', () => {
  it.each([
    ['ServiceTags_Public_20261116.json', '2026-11-16'],
    ['ServiceTags_AzureGovernment_20240101.json', '2024-01-01'],
    ['ServiceTags_China_20250229.json', null],
    ['ServiceTags_China_20240229.json', '2024-02-29'],
    ['servicetags_public_20261116 (1).json', '2026-11-16'],
    ['C:\\Downloads\\ServiceTags_Public_20261116.json', '2026-11-16'],
    ['/tmp/x/ServiceTags_Public_20261116-dc01.json', '2026-11-16'],
    ['ServiceTags_Public_20261131.json', null],
    ['ServiceTags_Public_2026111.json', null],
    ['ServiceTags_Public_202611160.json', null],
    ['tags.json', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (name, date) => {
    expect(fileDateFrom(name)).toBe(date);
  });

  it('counts whole days since publication', () => {
    expect(fileAgeDays('2026-11-16', Date.parse('2026-11-21T23:00:00Z'))).toBe(5);
    expect(fileAgeDays('2026-11-16', Date.parse('2026-11-15T00:00:00Z'))).toBe(-1);
  });
});
