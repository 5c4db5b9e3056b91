import type { PhaseName, ProxyAnswer } from '../contract/types.js';
import type { ConnectResponse } from './connect-response.js';
import { offeredSchemes } from './connect-response.js';
import { ProbeFailure } from '../verdict/failure.js';

export function toProxyAnswer(response: ConnectResponse, authScheme?: string): ProxyAnswer {
  const answer: ProxyAnswer = {
    statusCode: response.statusCode,
    statusText: response.statusText,
    headers: response.headers,
    authSchemes: offeredSchemes(response),
  };
  if (authScheme) answer.authScheme = authScheme;
  return answer;
}

/**
 * Names the verdict for a proxy's own refusal (a CONNECT answer other than
 * 200/407, or an error page in place of a plain-HTTP answer). Squid says what
 * went wrong in X-Squid-Error; other proxies only give the status.
 * `request` names what was asked ("CONNECT host:443", "GET http://host/path").
 */
export function failureForStatus(response: ConnectResponse, request: string, phase: PhaseName): ProbeFailure {
  const target = request.replace(/^\S+ /, '');
  const status = `${response.statusCode} ${response.statusText}`.trim();
  const squidError = response.headers['x-squid-error'] ?? '';
  const squidCode = squidError.split(' ')[0] ?? '';
  const said = squidError ? ` (X-Squid-Error: ${squidError})` : '';
  const facts = { status, squidError };
  switch (response.statusCode) {
    case 401:
      return new ProbeFailure('ProxyAuthMisconfigured', phase,
        `The proxy answered ${request} with ${status} instead of 407 Proxy Authentication Required${said}.`, facts);
    case 403:
      return new ProbeFailure('ProxyDenied', phase, `The proxy refused ${request}: ${status}${said}.`, facts);
  }
  if (squidCode === 'ERR_DNS_FAIL') {
    return new ProbeFailure('DnsFailure', phase, `The proxy could not resolve the target of ${request}: ${status}${said}.`,
      { ...facts, where: 'proxy' });
  }
  if (squidCode === 'ERR_CONNECT_FAIL' || squidCode === 'ERR_CANNOT_FORWARD' || response.statusCode === 502) {
    return new ProbeFailure('ConnectFailed', phase, `The proxy could not connect to ${target}: ${status}${said}.`,
      { ...facts, where: 'proxy' });
  }
  if (squidCode === 'ERR_READ_TIMEOUT' || squidCode === 'ERR_LIFETIME_EXP' || response.statusCode === 504) {
    return new ProbeFailure('Timeout', phase, `The proxy timed out reaching ${target}: ${status}${said}.`,
      { ...facts, phase, where: 'proxy' });
  }
  if (response.statusCode === 503) {
    return new ProbeFailure('ConnectFailed', phase, `The proxy could not reach ${target}: ${status}${said}.`,
      { ...facts, where: 'proxy' });
  }
  return new ProbeFailure('ProxyError', phase, `The proxy gave an unexpected answer to ${request}: ${status}${said}.`, facts);
}
