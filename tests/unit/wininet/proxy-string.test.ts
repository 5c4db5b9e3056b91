import { describe, expect, it } from 'vitest';
import { ErrorCode, MdiInputError } from '../../../src/errors.js';
import { formatProxyServer, parseProxyServer, proxyForUrl, type ProxyEntry } from '../../../src/wininet/proxy-string.js';

const e = (scheme: ProxyEntry['scheme'], host: string, port: number, protocol?: ProxyEntry['protocol']): ProxyEntry =>
  protocol === undefined ? { scheme, host, port } : { scheme, host, port, protocol };

describe('parseProxyServer reads', () => {
  it.each<[string, string, ProxyEntry[]]>([
    ['a bare host:port', 'proxy:8080', [e(null, 'proxy', 8080)]],
    ['a bare host, port defaulting to 80 as WinINet does', 'proxy', [e(null, 'proxy', 80)]],
    ['per-scheme entries', 'http=proxy:8080;https=secure:8443;ftp=ftp:21', [e('http', 'proxy', 8080), e('https', 'secure', 8443), e('ftp', 'ftp', 21)]],
    ['a protocol prefix', 'http://proxy:8080', [e(null, 'proxy', 8080, 'http')]],
    ['scheme and protocol together', 'https=http://p.contoso.com:3128', [e('https', 'p.contoso.com', 3128, 'http')]],
    ['socks= with its own port', 'socks=s:1080', [e('socks', 's', 1080)]],
    ['socks= without a port: INTERNET_DEFAULT_SOCKS_PORT 1080', 'socks=s', [e('socks', 's', 1080)]],
    ['https:// without a port: 443 (Wine HTTP_DealWithProxy)', 'https://p', [e(null, 'p', 443, 'https')]],
    ['socks5:// pasted from other tools, read as socks', 'socks5://s:9050', [e(null, 's', 9050, 'socks')]],
    ['a bracketed IPv6 with port', '[::1]:3128', [e(null, '::1', 3128)]],
    ['a bracketed IPv6 without port', 'http=[2001:DB8::10]', [e('http', '2001:db8::10', 80)]],
    ['an IPv4 address', '10.0.0.5:3128', [e(null, '10.0.0.5', 3128)]],
    ['whitespace separators (the documented form)', 'http=a:1 https=b:2\tftp=c:3', [e('http', 'a', 1), e('https', 'b', 2), e('ftp', 'c', 3)]],
    ['stray separators and empty entries', ';;  http=a:1;; ;https=b:2;', [e('http', 'a', 1), e('https', 'b', 2)]],
    ['mixed case, lower-cased', 'HTTPS=HTTP://Proxy.Contoso.COM:8080', [e('https', 'proxy.contoso.com', 8080, 'http')]],
    ['a trailing slash copied from a browser', 'http://proxy:8080/', [e(null, 'proxy', 8080, 'http')]],
    ['a trailing dot (absolute DNS name), kept', 'proxy.contoso.com.:80', [e(null, 'proxy.contoso.com.', 80)]],
    ['a unicode host, converted to punycode', 'bücher.de:8080', [e(null, 'xn--bcher-kva.de', 8080)]],
    ['a leading-zero port', 'p:08080', [e(null, 'p', 8080)]],
    ['the highest port', 'p:65535', [e(null, 'p', 65535)]],
    ['a default entry next to scheme entries', 'proxy:8080;https=s:443', [e(null, 'proxy', 8080), e('https', 's', 443)]],
    ['underscores in names (seen in real DNS)', 'my_proxy:1', [e(null, 'my_proxy', 1)]],
  ])('%s', (_what, text, expected) => {
    expect(parseProxyServer(text)).toEqual(expected);
  });

  it.each(['', ';', ' ; ;\t\r\n ', ';;;;'])('nothing from %j', (text) => {
    expect(parseProxyServer(text)).toEqual([]);
  });
});

describe('parseProxyServer rejects, naming the entry', () => {
  it.each<[string, string, RegExp]>([
    ['an empty port', 'proxy:', /'proxy:'.*port after ":" is empty/],
    ['a port of 0', 'proxy:0', /between 1 and 65535/],
    ['a port above 65535', 'proxy:65536', /between 1 and 65535/],
    ['a non-numeric port', 'proxy:http', /must be a number/],
    ['an empty host', ':8080', /host name is empty/],
    ['an empty value after scheme=', 'http=', /'http='.*host name is empty/],
    ['an unknown scheme=', 'gopher=g:70', /'gopher=' is not a scheme/],
    ['an unknown protocol://', 'ftp://f:21', /'ftp:\/\/' is not a protocol/],
    ['a path', 'http://proxy:8080/pac.js', /without a path/],
    ['an unbracketed IPv6 (ambiguous with a port)', '::1:8080', /in brackets/],
    ['an unclosed bracket', '[::1:8080', /never closed/],
    ['a bracket that is not IPv6', '[proxy]:80', /not an IPv6/],
    ['junk after the bracket', '[::1]x', /only ":port"/],
    ['a character no host has', 'pro*xy:80', /characters a host name cannot have/],
    ['an empty label', 'a..b:80', /empty label/],
    ['a 300-character host', `${'a'.repeat(300)}:80`, /longer than 255/],
  ])('%s', (_what, text, message) => {
    const attempt = (): unknown => parseProxyServer(`http=ok:1;${text}`);
    expect(attempt).toThrow(MdiInputError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (err) {
      expect((err as MdiInputError).code).toBe(ErrorCode.ProxyStringInvalid);
      expect((err as MdiInputError).code).toBe('MDI_PROXY_STRING_INVALID');
    }
  });

  it('never quotes credentials, even though it names the entry', () => {
    const attempt = (): unknown => parseProxyServer('http=http://CONTOSO\\svc:hunter2@proxy:8080');
    expect(attempt).toThrow(/'http=http:\/\/\*\*\*@proxy:8080'/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('keeps the message to one short line for a 64 KiB entry', () => {
    try {
      parseProxyServer(`${'x'.repeat(65536)}:`);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message.length).toBeLessThan(200);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});

describe('proxyForUrl', () => {
  const HTTPS = new URL('https://contoso.atp.azure.com/tri/sensor');
  const HTTP = new URL('http://crl.microsoft.com/x.crl');
  it.each<[string, string, URL, { host: string; port: number; via: string; protocol?: string } | null]>([
    ['https= wins for https URLs', 'http=a:1;https=b:2', HTTPS, { host: 'b', port: 2, via: 'https=' }],
    ['http= wins for http URLs', 'http=a:1;https=b:2', HTTP, { host: 'a', port: 1, via: 'http=' }],
    ['a bare entry serves every scheme', 'proxy:8080', HTTPS, { host: 'proxy', port: 8080, via: 'default' }],
    ['own scheme beats the bare entry, whatever the order', 'proxy:8080 https=s:8443', HTTPS, { host: 's', port: 8443, via: 'https=' }],
    ['the bare entry fills a scheme without its own', 'https=s:8443;proxy:8080', HTTP, { host: 'proxy', port: 8080, via: 'default' }],
    // Decision: only other schemes listed → DIRECT (WinINet, Wine INTERNET_FindProxyForProtocol returns NULL).
    ['only http= listed: https goes DIRECT', 'http=a:1', HTTPS, null],
    ['only ftp= listed: http goes DIRECT', 'ftp=f:21', HTTP, null],
    // Decision: socks= is the catch-all, never ahead of an own or bare entry.
    ['socks= carries https when nothing else matches', 'http=a:1;socks=s:1080', HTTPS, { host: 's', port: 1080, via: 'socks=', protocol: 'socks' }],
    ['socks= loses to https=', 'socks=s:1080;https=b:2', HTTPS, { host: 'b', port: 2, via: 'https=' }],
    ['socks= loses to a bare entry', 'socks=s:1080;proxy:3128', HTTPS, { host: 'proxy', port: 3128, via: 'default' }],
    ['the first of duplicate entries wins', 'https=first:1;https=second:2', HTTPS, { host: 'first', port: 1, via: 'https=' }],
    ['wss:// uses the https= entry', 'http=a:1;https=b:2', new URL('wss://x/'), { host: 'b', port: 2, via: 'https=' }],
    ['ftp:// uses the ftp= entry', 'http=a:1;ftp=f:21', new URL('ftp://files/'), { host: 'f', port: 21, via: 'ftp=' }],
    ['file: is never proxied', 'proxy:8080', new URL('file:///c:/x'), null],
    ['the empty list is DIRECT', '', HTTPS, null],
    ['the explicit protocol is passed on', 'https=socks://s:1', HTTPS, { host: 's', port: 1, via: 'https=', protocol: 'socks' }],
  ])('%s', (_what, text, url, expected) => {
    expect(proxyForUrl(parseProxyServer(text), url)).toEqual(expected);
  });

  it('without socksFallback (WinHTTP has no SOCKS) only-socks means DIRECT', () => {
    expect(proxyForUrl(parseProxyServer('socks=s:1080'), HTTPS, { socksFallback: false })).toBeNull();
  });
});

describe('formatProxyServer', () => {
  it.each([
    ['proxy:8080', 'proxy:8080'],
    ['proxy', 'proxy:80'],
    ['HTTP=a:1  https=HTTP://b:2;;', 'http=a:1;https=http://b:2'],
    ['[::1]:3128', '[::1]:3128'],
    ['socks=s', 'socks=s:1080'],
  ])('writes %j back as %j, which parses to the same entries', (text, written) => {
    const entries = parseProxyServer(text);
    expect(formatProxyServer(entries)).toBe(written);
    expect(parseProxyServer(formatProxyServer(entries))).toEqual(entries);
  });
});
