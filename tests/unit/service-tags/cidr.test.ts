import { describe, expect, it } from 'vitest';
import ipaddr from 'ipaddr.js';
import {
  addressFamily, parseAddress, parsePrefix, prefixContains, prefixHolds, prefixKey, prefixProblem, prefixRange, prefixesOverlap,
} from '../../../src/service-tags/cidr.js';

describe('prefix syntax', () => {
  it.each([
    '20.36.120.112/29', '0.0.0.0/0', '255.255.255.255/32', '4.232.24.24/29',
    '2603:1000:4::140/123', '::/0', '::1/128', '2603:1030:f:2::300/122', '1:2:3:4:5:6:7:8/64', '::ffff:20.36.120.112/125', 'FE80::/10',
  ])('accepts %s', (text) => {
    expect(prefixProblem(text)).toBeNull();
    // Whatever passes our check, ipaddr.js parses the same way.
    expect(ipaddr.isValidCIDR(text)).toBe(true);
    expect(prefixKey(parsePrefix(text))).toBe(`${ipaddr.parseCIDR(text)[0].toString()}/${ipaddr.parseCIDR(text)[1]}`);
  });

  it.each([
    ['20.36.120.112', /\/bits\) is missing/],
    ['20.36.120.112/33', /0 to 32/],
    ['2603::/129', /0 to 128/],
    ['20.36.120.112/029', /0 to 32/],
    ['20.36.120.112/', /0 to 32/],
    ['20.36.120.112/-1', /0 to 32/],
    ['010.0.0.0/8', /leading zeros/],
    ['10.1/16', /four decimal octets/],
    ['256.0.0.0/8', /four decimal octets/],
    ['0x0a.0.0.0/8', /not an IPv4 or IPv6/],
    ['1:2:3:4:5:6:7:8:9/64', /not an IPv4 or IPv6/],
    ['1::2::3/64', /not an IPv4 or IPv6/],
    [':::/0', /not an IPv4 or IPv6/],
    ['fe80::1%eth0/64', /not an IPv4 or IPv6/],
    ['12345::/16', /not an IPv4 or IPv6/],
    ['::ffff:1.2.3/96', /not an IPv4 or IPv6/],
    ['contoso.com/24', /not an IPv4 or IPv6/],
    ['', /not an IPv4 or IPv6/],
    [' 20.36.120.112/29', /not an IPv4 or IPv6/],
  ])('refuses %j: %s', (text, reason) => {
    expect(prefixProblem(text)).toMatch(reason);
  });

  it('accepts a bare address only when asked to, as /32 or /128', () => {
    expect(prefixProblem('20.36.120.113', true)).toBeNull();
    expect(parsePrefix('20.36.120.113').bits).toBe(32);
    expect(parsePrefix('2603:1000:4::141').bits).toBe(128);
  });

  it('tells the families apart', () => {
    expect(addressFamily('20.36.120.113')).toBe('IPv4');
    expect(addressFamily('2603:1000:4::141')).toBe('IPv6');
    expect(addressFamily('::ffff:20.36.120.113')).toBe('IPv6');
    expect(addressFamily('contoso')).toBeNull();
  });
});

describe('membership and containment', () => {
  const v4 = parsePrefix('20.36.120.112/29');
  const v6 = parsePrefix('2603:1000:4::140/123');
  const mappedBlock = parsePrefix('::ffff:20.36.120.112/125');
  const address = (text: string) => parseAddress(text)!.address;

  it.each([
    ['20.36.120.112', v4, true],
    ['20.36.120.119', v4, true],
    ['20.36.120.120', v4, false],
    ['20.36.120.111', v4, false],
    ['2603:1000:4::140', v6, true],
    ['2603:1000:4::15f', v6, true],
    ['2603:1000:4::160', v6, false],
    // A mapped address is checked as the IPv4 address it carries...
    ['::ffff:20.36.120.113', v4, true],
    ['::ffff:20.36.120.113', v6, false],
    // ...and never matches a prefix of the other family, even one written over the mapped space.
    ['20.36.120.113', mappedBlock, false],
    ['20.36.120.113', v6, false],
    ['2603:1000:4::141', v4, false],
  ] as const)('%s in %s: %s', (text, prefix, expected) => {
    expect(prefixHolds(prefix, address(text))).toBe(expected);
  });

  it('reports the family of the address it matched with', () => {
    expect(parseAddress('::ffff:20.36.120.113')?.family).toBe('IPv4');
    expect(parseAddress('2603:1000:4::141')?.family).toBe('IPv6');
    expect(parseAddress('not an address')).toBeNull();
  });

  it.each([
    ['20.36.0.0/16', '20.36.120.112/29', true, true],
    ['20.36.120.112/29', '20.36.120.112/29', true, true],
    ['20.36.120.112/30', '20.36.120.112/29', false, true],
    ['20.37.0.0/16', '20.36.120.112/29', false, false],
    ['2603:1000::/24', '2603:1000:4::140/123', true, true],
    ['0.0.0.0/0', '2603:1000:4::140/123', false, false],
    ['::/0', '20.36.120.112/29', false, false],
    ['10.0.0.5/24', '10.0.0.128/25', true, true],
  ])('%s contains %s: %s (overlap %s)', (outer, inner, contains, overlap) => {
    expect(prefixContains(parsePrefix(outer), parsePrefix(inner))).toBe(contains);
    expect(prefixesOverlap(parsePrefix(outer), parsePrefix(inner))).toBe(overlap);
  });

  it('gives the first and last address of a block, host bits ignored', () => {
    expect(prefixRange(parsePrefix('10.0.0.5/24'))).toEqual([0x0a000000n, 0x0a0000ffn]);
    expect(prefixRange(parsePrefix('::/0'))).toEqual([0n, (1n << 128n) - 1n]);
  });
});
