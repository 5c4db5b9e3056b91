import { describe, expect, it } from 'vitest';
import type { CheckResult, MdeRouteResult, MdeUrlResult } from '../../../src/contract/types.js';
import { analyzerCode, analyzerText } from '../../../src/mde/analyzer-text.js';
import { ProbeFailure } from '../../../src/verdict/failure.js';
import { judgeStatus } from '../../../src/verdict/status-answer.js';
import { remediationFor } from '../../../src/verdict/remediation.js';

describe('judgeStatus: the answer the live service gives (FACTS §6)', () => {
  it.each([
    [200, [200], /answered 200: reachable/],
    [400, [400], /normal for blob storage/],
    [404, [404], /normal for this endpoint/],
    [404, [200, 400, 404], /reachable/],
  ])('%i with %j is reachable', (status, reachable, detail) => {
    expect(judgeStatus({ status, body: '' }, 'h', reachable)).toMatch(detail);
  });

  it.each([
    [403, [200]],
    [200, [400]],
    [503, [200, 400, 404]],
  ])('%i with %j is UnexpectedResponse', (status, reachable) => {
    let failure: unknown;
    try {
      judgeStatus({ status, body: '' }, 'h', reachable);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ProbeFailure);
    expect((failure as ProbeFailure).verdict).toBe('UnexpectedResponse');
    expect((failure as ProbeFailure).message).toContain(`answered ${status}, where the service answers ${reachable.join(' or ')}`);
  });
});

const check = (over: Partial<CheckResult>): CheckResult => ({
  verdict: 'Pass', httpStatus: null, proxyAnswer: null, ...over,
} as CheckResult);

describe('analyzerCode: the number in "Failed (n)"', () => {
  it.each<[Partial<CheckResult>, number | null]>([
    [{ verdict: 'Pass', httpStatus: 200 }, 200],
    [{ verdict: 'UnexpectedResponse', httpStatus: 503 }, 503],
    [{ verdict: 'ProxyAuthRequired', proxyAnswer: { statusCode: 407, statusText: '', headers: {}, authSchemes: [] } }, 407],
    [{ verdict: 'DnsFailure' }, 12007],
    [{ verdict: 'ConnectFailed' }, 12029],
    [{ verdict: 'ProxyUnreachable' }, 12029],
    [{ verdict: 'Timeout' }, 12002],
    [{ verdict: 'TlsInspected', httpStatus: 200 }, 12175],
    [{ verdict: 'CertificateUntrusted' }, 12175],
    [{ verdict: 'ProxyError' }, 12152],
  ])('%j → %s', (over, expected) => {
    expect(analyzerCode(check(over))).toBe(expected);
  });
});

describe('analyzerText', () => {
  const result = (route: number, kind: MdeRouteResult['kind'], outcome: MdeRouteResult['outcome'], code: number | null, verdict: MdeRouteResult['verdict'] = null, detail = ''): MdeRouteResult =>
    ({ route, kind, outcome, analyzerCode: code, verdict, detail, httpStatus: null, proxy: null, shared: false, totalMs: 1 });
  const url = (u: string, results: MdeRouteResult[]): MdeUrlResult => ({ url: u, entryId: 'x', category: 'Telemetry', reachable: [200], passed: true, results });

  it('prints blocks in the analyzer\'s layout, CRLF, one blank line apart', () => {
    const text = analyzerText([
      url('https://a/ping', [
        result(1, 'DefaultProxy', 'Succeeded', 200),
        result(2, 'Wpad', 'Failed', 12180),
        result(3, 'Direct', 'Succeeded', 200),
        result(4, 'NamedProxy', 'DoesNotExist', null),
        result(5, 'CommandLineProxy', 'Failed', 12175, 'TlsInspected', 'intercepted by Contoso CA'),
      ]),
      url('http://b/c.crl', [result(1, 'DefaultProxy', 'Failed', null)]),
    ]);
    expect(text).toBe([
      'Testing URL : https://a/ping',
      '1 - Default proxy: Succeeded (200)',
      '2 - Proxy auto discovery (WPAD): Failed (12180)',
      '3 - Proxy disabled: Succeeded (200)',
      "4 - Named proxy: Doesn't exist",
      '5 - Command line proxy: Failed (12175)',
      '   5 - intercepted by Contoso CA',
      '',
      'Testing URL : http://b/c.crl',
      '1 - Default proxy: Failed',
      '',
    ].join('\r\n'));
  });
});

describe('remediation for allowlist hosts names the host, not the sensor API', () => {
  const ctx = (category: CheckResult['category'], port = 80) => ({ host: 'ctldl.windowsupdate.com', port, proxy: 'http://p:8080', facts: { where: 'proxy' }, category });
  it.each<[CheckResult['verdict'], CheckResult['category'], RegExp]>([
    ['ProxyDenied', 'CertificateAllowlist', /^Allow ctldl\.windowsupdate\.com over plain HTTP \(port 80\) on the proxy.*root updates/],
    ['ProxyDenied', 'CertificateRevocation', /optional/],
    ['ProxyDenied', 'CommandAndControl', /Defender for Endpoint needs it/],
    ['ProxyAuthRequired', 'Storage', /anonymous access.*SYSTEM/],
    ['ProxyAuthRequired', 'CertificateAllowlist', /without authentication.*SYSTEM/],
    ['ConnectFailed', 'CertificateAllowlist', /from the proxy, by name/],
    ['TlsInspected', 'Telemetry', /Exclude ctldl\.windowsupdate\.com from TLS inspection/],
  ])('%s for %s', (verdict, category, text) => {
    const remedy = remediationFor(verdict, ctx(category));
    expect(remedy).toMatch(text);
    expect(remedy).not.toMatch(/sensorapi|AzureAdvancedThreatProtection service tag/);
  });

  it('keeps the sensor API texts for the sensor API', () => {
    expect(remediationFor('ProxyDenied', { ...ctx('SensorApi', 443), host: 'xsensorapi.atp.azure.com' })).toMatch(/Allow CONNECT to xsensorapi\.atp\.azure\.com:443/);
  });
});
