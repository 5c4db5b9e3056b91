import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type TestRequest } from '../../src/contract/types.js';
import { MdiInputError } from '../../src/errors.js';
import { probeOptionsFrom } from '../../src/request/probe-options.js';

const request = (extra: Partial<TestRequest>): TestRequest => ({ schemaVersion: SCHEMA_VERSION, command: 'test', workspace: 'contoso', ...extra });

describe('probeOptionsFrom', () => {
  it.each([
    ['http://proxy.contoso.com:8080', 'http://proxy.contoso.com:8080', 8080],
    ['proxy.contoso.com:3128', 'http://proxy.contoso.com:3128', 3128],
    ['http://proxy.contoso.com', 'http://proxy.contoso.com', 80],
    ['http://[::1]:3128', 'http://[::1]:3128', 3128],
  ])('reads proxy %s', (raw, display, port) => {
    const { proxy } = probeOptionsFrom(request({ proxyUrl: raw }));
    expect(proxy?.display).toBe(display);
    expect(proxy?.port).toBe(port);
  });

  it('keeps the password out of the displayable proxy', () => {
    const { proxy } = probeOptionsFrom(request({ proxyUrl: 'http://p:1', proxyUser: 'CONTOSO\\svc', proxyPassword: 'hunter2' }));
    expect(proxy?.display).toBe('http://p:1');
    expect(proxy?.password).toBe('hunter2');
  });

  it.each([
    [{ proxyUrl: 'http://user:secretpw@p:1' }, /not in the proxy URL/],
    [{ proxyUrl: 'socks5://p:1' }, /socks5/],
    [{ proxyUrl: 'https://p:1' }, /plain http/],
    [{ proxyUrl: 'http://p:1/path' }, /just http/],
    [{ proxyUrl: 'http://p:1', proxyUser: 'CONTOSO\\svc' }, /No password/],
    [{ resolve: ['contoso:443'] }, /host:port:address/],
    [{ resolve: ['contoso:443:not-an-ip'] }, /host:port:address/],
    [{ timeoutSec: 0 }, /between 1 and 300/],
    [{ timeoutSec: 301 }, /between 1 and 300/],
    [{ trustedRoots: ['not a pem'] }, /PEM/],
    [{ cloud: 'Mars' as never }, /Cloud 'Mars'/],
  ])('rejects %j clearly', (extra, message) => {
    const attempt = (): unknown => probeOptionsFrom(request(extra));
    expect(attempt).toThrow(MdiInputError);
    expect(attempt).toThrow(message);
  });

  it('never quotes a password in its errors', () => {
    try {
      probeOptionsFrom(request({ proxyUrl: 'http://svc:S3cr3t!@p:1' }));
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('S3cr3t!');
    }
  });

  it('takes the cloud in any casing, as PowerShell\'s ValidateSet does', () => {
    expect(probeOptionsFrom(request({ cloud: 'gcchigh' as never })).target.hostname).toBe('contososensorapi.atp.azure.us');
  });

  it('reads resolve overrides like curl, IPv6 and lists included', () => {
    const { resolve } = probeOptionsFrom(request({ resolve: ['Contoso.Example:443:127.0.0.1', 'b.example:*:[::1],127.0.0.2'] }));
    expect(resolve.get('contoso.example:443')).toEqual(['127.0.0.1']);
    expect(resolve.get('b.example:*')).toEqual(['::1', '127.0.0.2']);
  });
});
