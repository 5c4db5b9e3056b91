import type { EndpointCategory, PhaseName, Verdict } from '../contract/types.js';
import { requiredRootFor } from '../trust/known-cas.js';
import { endpointRemediation } from './endpoint-remediation.js';
import { term } from '../front-end.js';

export interface RemediationContext {
  host: string;
  port: number;
  proxy: string | null;
  facts: Record<string, string>;
  /** What was checked; the sensor API's texts apply unless another category has its own. */
  category?: EndpointCategory;
}

const TIMEOUT_ADVICE: Record<PhaseName, string> = {
  dns: 'Check the DNS servers this machine uses (nslookup the name); a slow resolver stalls the sensor too.',
  tcp: 'Something drops the packets silently: check firewalls between this machine and the host (Test-NetConnection -Port).',
  proxyConnect: 'The proxy accepted the connection but did not answer CONNECT in time: check the proxy\'s health and its route to the Internet.',
  proxyAuth: 'The proxy stalled during authentication: check its authentication back end (domain controllers, helpers).',
  tls: 'The TLS handshake stalled: a firewall or IPS may be holding TLS to this host; allow it on port 443 without inspection.',
  http: 'TLS worked but no HTTP answer came: something on the path holds the request; check the proxy/firewall logs.',
};

/** One line an admin can act on, grounded in the Defender for Identity docs (see FACTS.md). */
export function remediationFor(verdict: Verdict, ctx: RemediationContext): string {
  const { host, port, proxy, facts, category } = ctx;
  const special = category && category !== 'SensorApi' && category !== 'LegacyRegional' ? endpointRemediation(verdict, category, ctx) : null;
  if (special) return special;
  const target = `${host}:${port}`;
  switch (verdict) {
    case 'Pass':
      return 'None needed.';
    case 'DnsFailure':
      return facts.where === 'proxy'
        ? `The proxy cannot resolve ${host}: check the workspace name (portal: Settings > Identities > About) and the proxy's DNS.`
        : `Make ${host} resolvable from this machine (nslookup ${host}), or send the sensor through a proxy that resolves it (Set-MDISensorProxyConfiguration -ProxyUrl).`;
    case 'ProxyUnreachable':
      return `Check the proxy address and port ${proxy ?? ''} and that this machine may reach it (Test-NetConnection <proxy> -Port <port>).`;
    case 'ProxyError':
      return `Check that ${proxy ?? 'the proxy'} is an HTTP proxy that supports CONNECT (not SOCKS, not an HTTPS-only port) and read its logs for this request.`;
    case 'ProxyAuthRequired':
      return `The sensor needs this CONNECT to succeed: allow ${host} without authentication for the domain controllers, or give the sensor credentials with Set-MDISensorProxyConfiguration -ProxyCredential (DOMAIN\\user; offered: ${facts.schemes ?? 'none'}).`;
    case 'ProxyAuthFailed':
      return `Check the user name (DOMAIN\\user form) and password of '${facts.user ?? ''}' for the proxy (${facts.scheme ?? ''}), then update them with Set-MDISensorProxyConfiguration -ProxyCredential.`;
    case 'ProxyAuthMisconfigured':
      return 'Make the proxy challenge with 407 Proxy Authentication Required (or exempt the DCs): a 401/403 to CONNECT is what makes sensor setup fail with "licensing issues" (LicenseInvalid, exit code 0x642).';
    case 'ProxyDenied':
      return `Allow CONNECT to ${target} on the proxy (allowlist *sensorapi.atp.azure.com or the AzureAdvancedThreatProtection service tag); a proxy that sends 403 instead of 407 for missing credentials causes the setup "licensing issues" error too.`;
    case 'ConnectFailed':
      return `Allow outbound ${port === 443 ? 'HTTPS (443)' : `port ${port}`} to ${host} ${facts.where === 'proxy' ? 'from the proxy' : 'from this machine'} (firewall rules for the AzureAdvancedThreatProtection service tag).`;
    case 'TlsInspected':
      return `Exclude ${host} from TLS inspection on the device whose CA is '${facts.ca ?? 'unknown'}': the sensor uses certificate-based mutual authentication, which inspection breaks (sensor log: "ApplyInternal failed two way SSL connection to service").`;
    case 'CertificateUntrusted': {
      const root = requiredRootFor(host);
      return `Install '${root.name}' (thumbprint ${root.sha1}) in Local Computer > Trusted Root Certification Authorities; AD CS servers get no automatic root updates. Without it the sensor reports "failed to connect to service".`;
    }
    case 'CertificateExpired':
      return 'Check this machine\'s clock and time zone first; if they are right, whatever presents this certificate (proxy or server) is serving an outdated one.';
    case 'CertificateNameMismatch':
      return `Check what ${host} resolves to (hosts file, DNS, ${term('resolve')}): the machine that answered is not the sensor API, or a proxy presents the wrong certificate.`;
    case 'TlsHandshakeFailed':
      return 'Make sure TLS 1.2 is enabled (SystemDefaultTlsVersions and SchUseStrongCrypto = 1 for .NET) and that no device on the path resets TLS connections to this host.';
    case 'Timeout':
      return TIMEOUT_ADVICE[(facts.phase as PhaseName | undefined) ?? 'tcp'];
    case 'UnexpectedResponse':
      return 'Check the workspace name or URL: the answer did not come from the Defender for Identity sensor API (captive portal, block page or a different service).';
  }
}
