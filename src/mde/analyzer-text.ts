import type { CheckResult, MdeRouteResult, MdeUrlResult, Verdict } from '../contract/types.js';
import { MDE_ROUTE_LABELS } from './analyzer-routes.js';

// WinHTTP error numbers the analyzer prints in "Failed (n)" when no HTTP status came back.
const WINHTTP_ERROR: Partial<Record<Verdict, number>> = {
  DnsFailure: 12007, // ERROR_WINHTTP_NAME_NOT_RESOLVED
  ProxyUnreachable: 12029, // ERROR_WINHTTP_CANNOT_CONNECT
  ConnectFailed: 12029,
  Timeout: 12002, // ERROR_WINHTTP_TIMEOUT
  TlsInspected: 12175, // ERROR_WINHTTP_SECURE_FAILURE: mutual TLS breaks behind inspection
  CertificateUntrusted: 12175,
  CertificateExpired: 12175,
  CertificateNameMismatch: 12175,
  TlsHandshakeFailed: 12175,
  ProxyError: 12152, // ERROR_WINHTTP_INVALID_SERVER_RESPONSE
};

/** The number after "Failed": the proxy's or the server's status, else WinHTTP's error. */
export function analyzerCode(check: CheckResult): number | null {
  if (check.verdict === 'TlsInspected') return WINHTTP_ERROR.TlsInspected!;
  const proxyStatus = check.proxyAnswer && check.proxyAnswer.statusCode !== 200 ? check.proxyAnswer.statusCode : null;
  return check.httpStatus ?? proxyStatus ?? WINHTTP_ERROR[check.verdict] ?? null;
}

/**
 * The Client Analyzer's layout (FACTS §6), one block per URL. What the analyzer cannot
 * see (TLS inspection, a proxy that demands authentication) is added on indented
 * lines after the five, so parsers of the original lines keep working.
 */
export function analyzerText(urls: MdeUrlResult[]): string {
  return urls.map((url) => {
    const lines = [`Testing URL : ${url.url}`, ...url.results.map(line)];
    for (const result of url.results) {
      if (result.verdict === 'TlsInspected' || result.verdict === 'ProxyAuthRequired') lines.push(`   ${result.route} - ${result.detail}`);
    }
    return lines.join('\r\n');
  }).join('\r\n\r\n') + '\r\n';
}

function line(result: MdeRouteResult): string {
  const label = `${result.route} - ${MDE_ROUTE_LABELS[result.kind]}`;
  if (result.outcome === 'DoesNotExist') return `${label}: Doesn't exist`;
  const code = result.analyzerCode === null ? '' : ` (${result.analyzerCode})`;
  return `${label}: ${result.outcome}${code}`;
}
