import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MdiInputError } from '../../../src/errors.js';
import { parsePrefix } from '../../../src/service-tags/cidr.js';
import { compareFirewall } from '../../../src/service-tags/firewall-compare.js';
import { parseFirewallList } from '../../../src/service-tags/firewall-list.js';

const ATP = ['191.235.225.136/29', '20.36.120.112/29', '2603:1000:4::140/123', '4.232.24.24/29', '20.37.64.112/29', '51.104.25.144/29'];
const compare = (tag: string[], firewall: string[]) => compareFirewall(tag.map(parsePrefix), parseFirewallList(firewall));

describe('reading a firewall list', () => {
  it('skips comments and blank lines, splits on spaces, commas and semicolons, and keeps line numbers', () => {
    const entries = parseFirewallList(['# header', '', '20.36.120.112/29', '  20.37.64.112/29   # West US 2', '4.232.24.24/29, 51.104.25.144/30;2603:1000:4::140/123', '[2603:1000:4::141]', '[2603:1000:4::140]/123 20.36.120.113']);
    expect(entries.map((e) => [e.prefix.text, e.prefix.bits, e.line])).toEqual([
      ['20.36.120.112/29', 29, 3],
      ['20.37.64.112/29', 29, 4],
      ['4.232.24.24/29', 29, 5],
      ['51.104.25.144/30', 30, 5],
      ['2603:1000:4::140/123', 123, 5],
      ['2603:1000:4::141', 128, 6],
      ['2603:1000:4::140/123', 123, 7],
      ['20.36.120.113', 32, 7],
    ]);
  });

  it('reads the fixture file the way the CLI sends it (every line, CRLF too)', () => {
    const text = readFileSync(new URL('../../fixtures/service-tags/firewall-allowlist.txt', import.meta.url), 'utf8');
    expect(parseFirewallList(text.replace(/\n/g, '\r\n').split(/\r?\n/)).map((e) => e.prefix.text)).toEqual([
      '20.36.120.112/29', '20.37.64.112/29', '40.119.0.0/29', '191.235.0.0/16', '4.232.24.24/29', '51.104.25.144/30',
    ]);
  });

  it.each([
    [['20.36.120.112/29', 'proxy.contoso.com'], "'proxy.contoso.com' on line 2", /not an IPv4 or IPv6 address/],
    [['', '', '20.36.120.112/33'], "'20.36.120.112/33' on line 3", /0 to 32/],
    [['20.36.120.112-20.36.120.119'], "'20.36.120.112-20.36.120.119' on line 1", /address ranges \(first-last\) are not supported/],
    [['2603:1000:4::140-2603:1000:4::15f'], 'on line 1', /address ranges/],
    [['20.36.120.*'], "'20.36.120.*' on line 1", /not an IPv4 or IPv6 address/],
    [['10.1/16'], "'10.1/16' on line 1", /four decimal octets/],
    [['fe80::1%eth0'], 'on line 1', /not an IPv4 or IPv6 address/],
    [['#ok', `${'1'.repeat(300)}`], 'on line 2', /not an IPv4/],
  ])('refuses %j naming the entry and its line', (lines, where, why) => {
    let caught: unknown;
    try {
      parseFirewallList(lines);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MdiInputError);
    const error = caught as MdiInputError;
    expect(error.code).toBe('MDI_FIREWALL_RANGE_INVALID');
    expect(error.message).toContain(where);
    expect(error.message).toMatch(why);
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('comparing a firewall list with the tag', () => {
  it.each([
    ['the exact tag', ATP, { missing: [], stale: [], broader: [], covered: 6, passed: true }],
    ['one prefix short', ATP.slice(1), { missing: ['191.235.225.136/29'], stale: [], broader: [], covered: 5, passed: false }],
    ['an old entry left', [...ATP, '40.119.0.0/29'], { missing: [], stale: ['40.119.0.0/29'], broader: [], covered: 6, passed: false }],
    ['wider blocks', ['191.235.0.0/16', '20.0.0.0/8', '4.232.24.24/29', '51.104.25.144/29', '2603:1000::/24'], {
      missing: [], stale: [], broader: ['191.235.0.0/16', '20.0.0.0/8', '2603:1000::/24'], covered: 6, passed: true,
    }],
    ['half of a prefix', ['51.104.25.144/30'], { missing: ATP, stale: [], broader: [], covered: 0, passed: false }],
    ['two halves fill a prefix', [...ATP.filter((p) => p !== '51.104.25.144/29'), '51.104.25.148/30', '51.104.25.144/30'], {
      missing: [], stale: [], broader: [], covered: 6, passed: true,
    }],
    ['single addresses fill a prefix', [...ATP.filter((p) => p !== '51.104.25.144/29'), ...Array.from({ length: 8 }, (_, i) => `51.104.25.${151 - i}`)], {
      missing: [], stale: [], broader: [], covered: 6, passed: true,
    }],
    ['single addresses with a gap', [...ATP.filter((p) => p !== '51.104.25.144/29'), ...Array.from({ length: 7 }, (_, i) => `51.104.25.${144 + i}`)], {
      missing: ['51.104.25.144/29'], stale: [], broader: [], covered: 5, passed: false,
    }],
    ['IPv4 only', ATP.filter((p) => !p.includes(':')), { missing: ['2603:1000:4::140/123'], stale: [], broader: [], covered: 5, passed: false }],
    ['everything, per family', ['0.0.0.0/0', '::/0'], { missing: [], stale: [], broader: ['0.0.0.0/0', '::/0'], covered: 6, passed: true }],
    ['an IPv4 catch-all does not cover IPv6', ['0.0.0.0/0'], { missing: ['2603:1000:4::140/123'], stale: [], broader: ['0.0.0.0/0'], covered: 5, passed: false }],
    ['a mapped IPv6 block covers no IPv4 prefix', [...ATP.filter((p) => p !== '20.36.120.112/29'), '::ffff:20.36.120.112/125'], {
      missing: ['20.36.120.112/29'], stale: ['::ffff:20.36.120.112/125'], broader: [], covered: 5, passed: false,
    }],
    ['duplicates and other spellings count once', [...ATP, '20.36.120.112/29', '2603:1000:0004::0140/123', '40.119.0.0/29', '40.119.0.0/29'], {
      missing: [], stale: ['40.119.0.0/29'], broader: [], covered: 6, passed: false,
    }],
    ['an empty list', [], { missing: ATP, stale: [], broader: [], covered: 0, passed: false }],
  ])('%s', (_name, firewall, expected) => {
    expect(compare(ATP, firewall)).toEqual(expected);
  });

  it('the fixture list: two missing, one stale, one broader', () => {
    const text = readFileSync(new URL('../../fixtures/service-tags/firewall-allowlist.txt', import.meta.url), 'utf8');
    expect(compare(ATP, text.split('\n'))).toEqual({
      missing: ['2603:1000:4::140/123', '51.104.25.144/29'], stale: ['40.119.0.0/29'], broader: ['191.235.0.0/16'], covered: 4, passed: false,
    });
  });

  it('an empty tag makes every entry stale', () => {
    expect(compare([], ['20.36.120.112/29'])).toEqual({ missing: [], stale: ['20.36.120.112/29'], broader: [], covered: 0, passed: false });
  });
});
