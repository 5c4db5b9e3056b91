import { describe, expect, it } from 'vitest';
import { globMatch, isBypassed, parseBypassList, ruleMatches, unusableRules, type BypassRule } from '../../../src/wininet/bypass.js';

/** isBypassed with the implicit loopback set off, so each row tests the list alone. */
const bypass = (list: string, url: string): string | false => {
  const r = isBypassed(parseBypassList(list), new URL(url), { implicitLoopback: false });
  return r.bypassed ? (r.rule ?? '?') : false;
};

describe('bypass list matching', () => {
  it.each<[string, string, string, string | false]>([
    // <local>: dot-less names that are not IP literals (decision: IP literals and dotted names never match).
    ['<local> takes localhost', '<local>', 'http://localhost/', '<local>'],
    ['<local> takes a single-label intranet name', '<local>', 'https://intranet/', '<local>'],
    ['<local> is case-insensitive', '<LOCAL>', 'https://INTRANET/', '<LOCAL>'],
    ['<local> does not take 127.0.0.1 (IP literal)', '<local>', 'http://127.0.0.1/', false],
    ['<local> does not take [::1] (IP literal, though dot-less)', '<local>', 'http://[::1]/', false],
    ['<local> does not take a dotted name', '<local>', 'http://a.b/', false],
    // Decision: trailing dot is text, so `intranet.` has a dot.
    ['<local> does not take intranet. (trailing dot)', '<local>', 'http://intranet./', false],
    ['<local> does not take http://10/ (the URL makes it 0.0.0.10)', '<local>', 'http://10/', false],
    // Leading *. : subdomains only (decision: not the apex, as WinINet/Wine).
    ['*.contoso.com takes a subdomain', '*.contoso.com', 'https://a.contoso.com/', '*.contoso.com'],
    ['*.contoso.com takes a deep subdomain', '*.contoso.com', 'https://a.b.contoso.com/', '*.contoso.com'],
    ['*.contoso.com does not take contoso.com itself', '*.contoso.com', 'https://contoso.com/', false],
    ['*.contoso.com does not take notcontoso.com', '*.contoso.com', 'https://notcontoso.com/', false],
    ['*contoso.com takes the apex', '*contoso.com', 'https://contoso.com/', '*contoso.com'],
    ['*contoso.com takes notcontoso.com too (glob)', '*contoso.com', 'https://notcontoso.com/', '*contoso.com'],
    // Trailing wildcards over IPv4 text.
    ['10.* takes 10.1.2.3', '10.*', 'http://10.1.2.3/', '10.*'],
    ['10.* does not take 110.1.2.3', '10.*', 'http://110.1.2.3/', false],
    ['192.168.*.* takes 192.168.4.5', '192.168.*.*', 'http://192.168.4.5/', '192.168.*.*'],
    ['192.168.*.* does not take 192.169.4.5', '192.168.*.*', 'http://192.169.4.5/', false],
    // Non-leading * (decision: glob semantics, whole host, case-insensitive).
    ['a*.contoso.com takes app1.contoso.com', 'a*.contoso.com', 'https://app1.contoso.com/', 'a*.contoso.com'],
    ['a*.contoso.com takes a.contoso.com (* may be empty)', 'a*.contoso.com', 'https://a.contoso.com/', 'a*.contoso.com'],
    ['a*.contoso.com does not take b.contoso.com', 'a*.contoso.com', 'https://b.contoso.com/', false],
    ['*.contoso.* takes www.contoso.org', '*.contoso.*', 'https://www.contoso.org/', '*.contoso.*'],
    ['a lone * takes everything', '*', 'https://anything.example/', '*'],
    // Bare names: that name only (decision).
    ['a bare name takes itself', 'contoso.com', 'https://contoso.com/', 'contoso.com'],
    ['a bare name does not take its subdomains', 'contoso.com', 'https://www.contoso.com/', false],
    ['a bare name is case-insensitive', 'WWW.Contoso.COM', 'https://www.contoso.com/', 'WWW.Contoso.COM'],
    // Decision: a trailing dot is part of the name on both sides.
    ['contoso.com. does not take contoso.com', 'contoso.com.', 'https://contoso.com/', false],
    ['contoso.com. takes contoso.com.', 'contoso.com.', 'https://contoso.com./', 'contoso.com.'],
    // IP literals and CIDR (decision: CIDR supported through ipaddr.js).
    ['an IPv4 literal takes itself', '10.0.0.1', 'http://10.0.0.1/', '10.0.0.1'],
    ['an IPv4 literal takes the same address spelled in octal by the URL', '8.0.0.1', 'http://010.0.0.1/', '8.0.0.1'],
    ['10.0.0.0/8 takes 10.200.1.1', '10.0.0.0/8', 'http://10.200.1.1/', '10.0.0.0/8'],
    ['10.0.0.0/8 does not take 11.0.0.1', '10.0.0.0/8', 'http://11.0.0.1/', false],
    ['a CIDR never takes a name', '10.0.0.0/8', 'http://ten.contoso.com/', false],
    ['[::1] takes http://[0:0::1]/', '[::1]', 'http://[0:0::1]/', '[::1]'],
    ['a bare IPv6 literal takes itself', '2001:db8::5', 'https://[2001:db8::5]/', '2001:db8::5'],
    ['an IPv6 CIDR takes an address inside', '2001:db8::/32', 'https://[2001:db8:1::9]/', '2001:db8::/32'],
    ['a bracketed IPv6 CIDR works too', '[fd00::]/8', 'https://[fd12::1]/', '[fd00::]/8'],
    ['IPv4 rules do not take an IPv4-mapped IPv6 host (decision)', '10.0.0.0/8', 'http://[::ffff:10.0.0.1]/', false],
    // Scheme prefixes: only that scheme.
    ['https://host takes https', 'https://contoso.com', 'https://contoso.com/', 'https://contoso.com'],
    ['https://host does not take http', 'https://contoso.com', 'http://contoso.com/', false],
    ['HTTP://*.contoso.com takes http subdomains', 'HTTP://*.contoso.com', 'http://a.contoso.com/', 'HTTP://*.contoso.com'],
    // Port suffixes: only that port, the scheme default counting.
    ['host:8080 takes port 8080', 'contoso.com:8080', 'http://contoso.com:8080/', 'contoso.com:8080'],
    ['host:8080 does not take port 80', 'contoso.com:8080', 'http://contoso.com/', false],
    ['host:443 takes an https URL without a port', 'contoso.com:443', 'https://contoso.com/', 'contoso.com:443'],
    ['[::1]:8080 takes that port only', '[::1]:8080', 'http://[::1]:8080/', '[::1]:8080'],
    ['https://host:8443 needs both', 'https://contoso.com:8443', 'https://contoso.com:8443/', 'https://contoso.com:8443'],
    // Unicode: the rule is converted to punycode, the form the URL host arrives in.
    ['a unicode rule takes the punycode URL host', '*.bücher.de', 'https://www.bücher.de/', '*.bücher.de'],
    // Separators and order.
    ['the first matching entry is named', 'a.com;*.a.com,b.com c.com', 'https://x.a.com/', '*.a.com'],
    ['comma-separated lists are tolerated', 'a.com,b.com', 'https://b.com/', 'b.com'],
    ['junk next to a good entry does not stop it', '.bad;::*;good.com', 'https://good.com/', 'good.com'],
    ['the empty list bypasses nothing', '', 'https://contoso.com/', false],
  ])('%s', (_what, list, url, expected) => {
    expect(bypass(list, url)).toBe(expected);
  });
});

describe('implicit loopback (decision: Windows bypasses loopback/link-local unless <-loopback>)', () => {
  it.each<[string, string, string | false]>([
    ['', 'http://127.0.0.1/', '<implicit loopback>'],
    ['', 'http://localhost:3128/', '<implicit loopback>'],
    ['', 'http://[::1]/', '<implicit loopback>'],
    ['', 'http://169.254.169.254/', '<implicit loopback>'],
    ['', 'http://[fe80::1]/', '<implicit loopback>'],
    ['', 'http://127.0.0.2/', false],
    ['<-loopback>', 'http://127.0.0.1/', false],
    ['<local>', 'http://localhost/', '<local>'],
    ['<local>;<-loopback>', 'http://localhost/', '<local>'],
    ['<local>;<-loopback>', 'http://127.0.0.1/', false],
  ])('%j with %s', (list, url, expected) => {
    const r = isBypassed(parseBypassList(list), new URL(url));
    expect(r.bypassed ? r.rule : false).toBe(expected);
  });

  it('<local> alone, rule by rule, still does not take 127.0.0.1', () => {
    const [local] = parseBypassList('<local>');
    expect(ruleMatches(local as BypassRule, new URL('http://127.0.0.1/'))).toBe(false);
  });
});

describe('unusable entries are kept with a reason, never thrown', () => {
  it.each<[string, RegExp]>([
    ['.contoso.com', /leading dot.*\*\.contoso\.com/], // decision: reported, not read as a suffix
    ['010.0.0.1', /four decimal octets/],
    ['10.1', /four decimal octets/],
    ['999.1.1.1', /four decimal octets/],
    ['10.0.0.0/33', /CIDR/],
    ['10.0/8', /CIDR/],
    ['fe80::*', /IPv6 wildcards/],
    ['1:2:3', /not an IPv6/],
    ['host:0', /port/],
    ['host:99999', /port/],
    ['host:', /port/],
    ['gopher://host', /not a scheme/],
    ['<-local>', /special entry/],
    ['user@host', /credentials or a path/],
    ['http://host/path', /credentials or a path/],
    ['[::1', /never closed/],
    ['[nope]', /not an IPv6/],
    ['a..b', /empty label/],
    ['ho$t', /characters/],
    [`${'a'.repeat(300)}.com`, /longer than 255/],
    [':8080', /no host/],
  ])('%s', (text, reason) => {
    const rules = parseBypassList(`good.com;${text}`);
    expect(rules[0]?.kind).toBe('host');
    expect(unusableRules(rules)).toEqual([{ text, reason: expect.stringMatching(reason) }]);
    expect(isBypassed(rules, new URL('https://elsewhere.example/')).bypassed).toBe(false);
  });

  it('reads nothing from only separators', () => {
    expect(parseBypassList(' ;;, \t\n;')).toEqual([]);
  });
});

describe('globMatch', () => {
  it.each<[string, string, boolean]>([
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbY', false],
    ['*a*a*a*a*b', 'a'.repeat(200), false],
    ['**', 'x', true],
  ])('%j against %j is %s', (pattern, host, expected) => {
    expect(globMatch(pattern, host)).toBe(expected);
  });
});
