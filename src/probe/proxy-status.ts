import type { ProxyAnswer } from '../contract/types.js';
import type { ConnectResponse } from './connect-response.js';
import { offeredSchemes } from './connect-response.js';
import { ProbeFailure } from './failure.js';

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
 * Names the verdict for a CONNECT answer other than 200/407. Squid says what
 * went wrong in X-Squid-Error; other proxies only give the status.
 */
export function failureForStatus(response: ConnectResponse, target: string): ProbeFailure {
  const status = `${response.statusCode} ${response.statusText}`.trim();
  const squidError = response.headers['x-squid-error'] ?? '';
  const squidCode = squidError.split(' ')[0] ?? '';
  const said = squidError ? ` (X-Squid-Error: ${squidError})` : '';
  const facts = { status, squidError };
  switch (response.statusCode) {
    case 401:
      return new ProbeFailure('ProxyAuthMisconfigured', 'proxyConnect',
        `The proxy answered CONNECT ${target} with ${status} instead of 407 Proxy Authentication Required${said}.`, facts);
    case 403:
      return new ProbeFailure('ProxyDenied', 'proxyConnect', `The proxy refused CONNECT ${target}: ${status}${said}.`, facts);
  }
  if (squidCode === 'ERR_DNS_FAIL') {
    return new ProbeFailure('DnsFailure', 'proxyConnect', `The proxy could not resolve the target of CONNECT ${target}: ${status}${said}.`,
      { ...facts, where: 'proxy' });
  }
  if (squidCode === 'ERR_CONNECT_FAIL' || squidCode === 'ERR_CANNOT_FORWARD' || response.statusCode === 502) {
    return new ProbeFailure('ConnectFailed', 'proxyConnect', `The proxy could not connect to ${target}: ${status}${said}.`,
      { ...facts, where: 'proxy' });
  }
  if (squidCode === 'ERR_READ_TIMEOUT' || squidCode === 'ERR_LIFETIME_EXP' || response.statusCode === 504) {
    return new ProbeFailure('Timeout', 'proxyConnect', `The proxy timed out reaching ${target}: ${status}${said}.`,
      { ...facts, phase: 'proxyConnect', where: 'proxy' });
  }
  if (response.statusCode === 503) {
    return new ProbeFailure('ConnectFailed', 'proxyConnect', `The proxy could not reach ${target}: ${status}${said}.`,
      { ...facts, where: 'proxy' });
  }
  return new ProbeFailure('ProxyError', 'proxyConnect', `The proxy gave an unexpected answer to CONNECT ${target}: ${status}${said}.`, facts);
}
