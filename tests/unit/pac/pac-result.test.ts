import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { PacError } from '../../../src/pac/pac-error.js';
import { parsePacResult, type PacDirective } from '../../../src/pac/pac-result.js';

describe('parsePacResult', () => {
  it.each<[string, PacDirective[]]>([
    ['DIRECT', [{ kind: 'DIRECT' }]],
    ['PROXY proxy.contoso.com:8080; DIRECT', [{ kind: 'PROXY', host: 'proxy.contoso.com', port: 8080 }, { kind: 'DIRECT' }]],
    ['proxy a:1;direct', [{ kind: 'PROXY', host: 'a', port: 1 }, { kind: 'DIRECT' }]],
    ['  PROXY\ta:3128 ;  ; DIRECT ;', [{ kind: 'PROXY', host: 'a', port: 3128 }, { kind: 'DIRECT' }]],
    ['PROXY a', [{ kind: 'PROXY', host: 'a', port: 80 }]],
    ['HTTP a', [{ kind: 'HTTP', host: 'a', port: 80 }]],
    ['HTTPS a', [{ kind: 'HTTPS', host: 'a', port: 443 }]],
    ['HTTPS a:8443', [{ kind: 'HTTPS', host: 'a', port: 8443 }]],
    ['SOCKS s', [{ kind: 'SOCKS', host: 's', port: 1080 }]],
    ['SOCKS4 s:1081', [{ kind: 'SOCKS4', host: 's', port: 1081 }]],
    ['socks5 s', [{ kind: 'SOCKS5', host: 's', port: 1080 }]],
    ['PROXY 10.0.0.1:8080', [{ kind: 'PROXY', host: '10.0.0.1', port: 8080 }]],
    ['PROXY [fd00::1]:8080', [{ kind: 'PROXY', host: 'fd00::1', port: 8080 }]],
    ['PROXY [fd00::1]', [{ kind: 'PROXY', host: 'fd00::1', port: 80 }]],
    ['PROXY a:65535', [{ kind: 'PROXY', host: 'a', port: 65535 }]],
    ['', []],
    [' ; ', []],
  ])('%j', (text, expected) => {
    expect(parsePacResult(text)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['PROXIE a:1', /"PROXIE"/],
    ['DIRECT; FTP f:21', /"FTP f:21".*"FTP" is not DIRECT/],
    ['PROXY', /needs exactly one host/],
    ['PROXY a:1 b:2', /needs exactly one host/],
    ['DIRECT now', /DIRECT takes no host/],
    ['PROXY a:0', /out of range/],
    ['PROXY a:65536', /out of range/],
    ['PROXY a:http', /"http" is not a port/],
    ['PROXY a:', /"" is not a port/],
    ['PROXY :8080', /host is empty/],
    ['PROXY fd00::1:8080', /brackets/],
    ['PROXY http://a:8080', /not a URL/],
    ['PROXY user@a:8080', /not a URL/],
  ])('rejects %j naming the token', (text, message) => {
    let caught: unknown;
    try {
      parsePacResult(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PacError);
    expect((caught as PacError).code).toBe(ErrorCode.PacRuntime);
    expect((caught as PacError).message).toMatch(message);
  });
});
