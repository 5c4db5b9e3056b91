import { describe, expect, it } from 'vitest';
import { MdiInputError } from '../../../src/errors.js';
import { decideManualRoute, type ManualProxySettings } from '../../../src/wininet/manual-proxy.js';

const SENSOR = new URL('https://contoso-sensorapi.atp.azure.com/tri/sensor/api/ping');
const settings = (proxyServer: string, bypassList = '', useProxy = true): ManualProxySettings => ({ proxyServer, bypassList, useProxy });

describe('decideManualRoute', () => {
  it.each<[string, ManualProxySettings, URL, 'direct' | 'proxy', string, { host: string; port: number } | undefined]>([
    ['flag clear', settings('proxy:8080', '', false), SENSOR, 'direct', 'proxy not enabled (flag 0x2 clear)', undefined],
    // Decision: with the flag clear the string is never read, so junk in it is no error.
    ['flag clear over a broken string', settings('proxy:0', '', false), SENSOR, 'direct', 'proxy not enabled (flag 0x2 clear)', undefined],
    ['flag set, empty string', settings(' ; '), SENSOR, 'direct', 'proxy enabled (flag 0x2) but the proxy server string is empty', undefined],
    ['https= entry', settings('http=a:80;https=proxy.contoso.com:8443'), SENSOR, 'proxy', 'https= entry proxy.contoso.com:8443', { host: 'proxy.contoso.com', port: 8443 }],
    ['default entry', settings('proxy.contoso.com:8080'), SENSOR, 'proxy', 'default entry proxy.contoso.com:8080', { host: 'proxy.contoso.com', port: 8080 }],
    ['bypassed by a wildcard', settings('proxy:8080', '*.atp.azure.com;<local>'), SENSOR, 'direct', "bypassed by '*.atp.azure.com'", undefined],
    ['only http= listed', settings('http=a:80;ftp=f:21'), SENSOR, 'direct', 'no proxy entry for https URLs (the string lists only http=, ftp=)', undefined],
    ['socks fallback', settings('http=a:80;socks=s:1080'), SENSOR, 'proxy', 'socks= entry s:1080 (SOCKS)', { host: 's', port: 1080 }],
    ['IPv6 proxy, bracketed in the reason', settings('https=[2001:db8::1]:3128'), SENSOR, 'proxy', 'https= entry [2001:db8::1]:3128', { host: '2001:db8::1', port: 3128 }],
    ['CIDR bypass carries a caveat', settings('p:1', '10.0.0.0/8'), new URL('https://10.1.2.3/'), 'direct', "bypassed by '10.0.0.0/8' (CIDR entry: not every Windows HTTP stack honours CIDR)", undefined],
    ['implicit loopback', settings('p:1'), new URL('http://127.0.0.1:8080/'), 'direct', 'bypassed: Windows always sends loopback and link-local addresses direct (no <-loopback> in the list)', undefined],
    ['<-loopback> sends loopback to the proxy', settings('p:1', '<-loopback>'), new URL('http://127.0.0.1:8080/'), 'proxy', 'default entry p:1', { host: 'p', port: 1 }],
    ['bypass that does not match', settings('p:3128', '*.contoso.com'), SENSOR, 'proxy', 'default entry p:3128', { host: 'p', port: 3128 }],
  ])('%s', (_what, input, url, kind, reason, proxy) => {
    const decision = decideManualRoute(input, url);
    expect(decision.kind).toBe(kind);
    expect(decision.reason).toBe(reason);
    expect(decision.reason).not.toMatch(/\n/);
    if (proxy === undefined) expect(decision.proxy).toBeUndefined();
    else expect(decision.proxy).toMatchObject(proxy);
  });

  it('reports bypass entries Windows would skip, and still decides', () => {
    const decision = decideManualRoute(settings('p:1', '.contoso.com;010.0.0.1'), SENSOR);
    expect(decision.kind).toBe('proxy');
    expect(decision.ignoredBypassRules).toHaveLength(2);
    expect(decision.ignoredBypassRules[0]).toMatch(/^'\.contoso\.com': a leading dot/);
  });

  it('cuts a 64 KiB junk bypass entry short in the report', () => {
    const decision = decideManualRoute(settings('p:1', `.${'x'.repeat(65536)}`), SENSOR);
    expect(decision.ignoredBypassRules[0]?.length).toBeLessThan(200);
  });

  it('throws MdiInputError on a malformed proxy string when the flag is set', () => {
    expect(() => decideManualRoute(settings('http=proxy:99999'), SENSOR)).toThrow(MdiInputError);
  });

  it('WinHTTP mode (no SOCKS) goes DIRECT where WinINet would use socks=', () => {
    const decision = decideManualRoute(settings('socks=s:1080'), SENSOR, { socksFallback: false });
    expect(decision).toMatchObject({ kind: 'direct', reason: 'no proxy entry for https URLs (the string lists only socks=)' });
  });
});
