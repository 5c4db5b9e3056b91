import type { EndpointCategory, Verdict } from '../contract/types.js';

/** What a remediation text is written from (the endpoint-specific texts here, the general ones in remediation.ts). */
export interface RemediationContext {
  host: string;
  port: number;
  proxy: string | null;
  facts: Record<string, string>;
  /** What was checked; the sensor API's texts apply unless another category has its own. */
  category?: EndpointCategory;
}

const MDI_CERTIFICATES = 'the sensor checks revocation and gets root updates there (allowlist crl.microsoft.com, ctldl.windowsupdate.com, www.microsoft.com/pkiops/*, www.microsoft.com/pki/*)';
const AZURE_REVOCATION = 'the Azure issuing CAs publish revocation and issuer data there (optional, but a strict allowlist breaks revocation checks without it)';
const MDE = 'Defender for Endpoint needs it (the list: Get-MDIEndpointCatalog -Service MDE -Region <yours>)';

function why(category: EndpointCategory): string {
  if (category === 'CertificateAllowlist') return MDI_CERTIFICATES;
  if (category === 'CertificateRevocation') return AZURE_REVOCATION;
  return MDE;
}

/**
 * Remedies for URLs other than the sensor API: allowlist hosts are allowed by name
 * (they are not in the AzureAdvancedThreatProtection tag), often over plain HTTP, and
 * fetched without proxy credentials. Null: the sensor API's text applies as it is.
 */
export function endpointRemediation(verdict: Verdict, category: EndpointCategory, ctx: RemediationContext): string | null {
  const { host, port } = ctx;
  const over = port === 80 ? ' over plain HTTP (port 80)' : '';
  const mde = category !== 'CertificateAllowlist' && category !== 'CertificateRevocation';
  switch (verdict) {
    case 'ProxyDenied':
      return `Allow ${host}${over} on the proxy for these machines: ${why(category)}.`;
    case 'ProxyAuthRequired':
      return mde
        ? `Allow anonymous access to ${host} on the proxy: the Defender for Endpoint sensor connects as SYSTEM without credentials.`
        : `Allow ${host}${over} without authentication: Windows fetches certificate data as SYSTEM, without proxy credentials.`;
    case 'ConnectFailed':
      return `Allow outbound port ${port} to ${host} ${ctx.facts.where === 'proxy' ? 'from the proxy' : 'from this machine'}, by name: ${why(category)}.`;
    case 'DnsFailure':
      return `Make ${host} resolvable ${ctx.facts.where === 'proxy' ? 'by the proxy' : 'from this machine'} (public DNS forwarding): ${why(category)}.`;
    case 'UnexpectedResponse':
      return `Something other than the service answered for ${host} (a block page, captive portal or wrong server): allow the host on the proxy and firewall.`;
    case 'TlsInspected':
      return mde ? `Exclude ${host} from TLS inspection: Defender for Endpoint does not support inspecting its traffic (seed 004: exclude the listed domains from HTTPS scanning).` : null;
    default:
      return null;
  }
}
