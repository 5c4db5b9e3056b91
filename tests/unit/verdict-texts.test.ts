import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/contract/types.js';
import { judgePing } from '../../src/verdict/ping-answer.js';
import { remediationFor } from '../../src/verdict/remediation.js';
import { chooseScheme, splitAccount } from '../../src/probe/proxy-auth.js';
import { ProbeFailure } from '../../src/verdict/failure.js';

const VERDICTS: Verdict[] = [
  'Pass', 'DnsFailure', 'ProxyUnreachable', 'ProxyError', 'ProxyAuthRequired', 'ProxyAuthFailed', 'ProxyAuthMisconfigured',
  'ProxyDenied', 'ConnectFailed', 'TlsInspected', 'CertificateUntrusted', 'CertificateExpired', 'CertificateNameMismatch',
  'TlsHandshakeFailed', 'Timeout', 'UnexpectedResponse',
];

describe('remediation', () => {
  it.each(VERDICTS)('%s has a one-line remediation', (verdict) => {
    const text = remediationFor(verdict, { host: 'contososensorapi.atp.azure.com', port: 443, proxy: 'http://p:8080', facts: {} });
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toContain('\n');
  });

  it('names the root to install for commercial and government hosts', () => {
    const ctx = { port: 443, proxy: null, facts: {} };
    expect(remediationFor('CertificateUntrusted', { ...ctx, host: 'xsensorapi.atp.azure.com' })).toContain('DF3C24F9BFD666761B268073FE06D1CC8D4F82A4');
    expect(remediationFor('CertificateUntrusted', { ...ctx, host: 'xsensorapi.atp.azure.us' })).toContain('A8985D3A65E5E5C4B2D7D66D40C6DD2FB19C5436');
  });
});

describe('judgePing', () => {
  it.each([
    [200, 'Ok', /200 Ok/],
    [200, 'Ok\r\n', /200 Ok/],
    [200, '2.255.19267.9636', /sensor version 2\.255\.19267\.9636/],
    [503, 'The service is unavailable', /503.*route works/],
  ])('%i %j passes', (status, body, detail) => {
    expect(judgePing({ status, body }, 'h')).toMatch(detail);
  });

  it.each([
    [404, 'Not Found'],
    [200, '<html>Welcome to the captive portal</html>'],
    [302, ''],
    [500, 'oops'],
  ])('%i %j is UnexpectedResponse', (status, body) => {
    try {
      judgePing({ status, body }, 'h');
      expect.unreachable();
    } catch (error) {
      expect((error as ProbeFailure).verdict).toBe('UnexpectedResponse');
    }
  });
});

describe('proxy auth helpers', () => {
  it.each([
    [['Basic'], 'Basic'],
    [['NTLM', 'Basic'], 'NTLM'],
    [['Basic', 'ntlm'], 'NTLM'],
    [['Negotiate', 'Basic'], 'Basic'],
    [['Negotiate'], null],
    [[], null],
  ])('offered %j → %s', (offered, chosen) => {
    expect(chooseScheme(offered)).toBe(chosen);
  });

  it.each([
    ['CONTOSO\\svc-mdi', { domain: 'CONTOSO', user: 'svc-mdi' }],
    ['svc-mdi', { domain: '', user: 'svc-mdi' }],
  ])('splits %s', (account, parts) => {
    expect(splitAccount(account)).toEqual(parts);
  });
});
