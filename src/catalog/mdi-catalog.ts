import type { CatalogEntry, Cloud } from '../contract/types.js';
import { CLOUDS, PING_PATH, SENSOR_DOMAIN } from '../endpoints/sensor-api.js';
import { SOURCES } from './sources.js';

// Defender for Identity: the sensor API per cloud, the allowlist a strict proxy
// must open for certificate checks, and the optional Azure CA revocation hosts.

/** Concrete files on each allowlisted host, so the probe asks for something that exists. */
const CERTIFICATE_ALLOWLIST: readonly Omit<CatalogEntry, 'service' | 'geography' | 'required' | 'category' | 'source'>[] = [
  {
    id: 'mdi.cert.crl',
    allowlist: 'crl.microsoft.com',
    testUrl: 'http://crl.microsoft.com/pki/crl/products/MicRooCerAut2011_2011_03_22.crl',
    port: 80,
    reachable: [200],
    note: 'Certificate revocation lists, fetched over plain HTTP by CryptoAPI.',
  },
  {
    id: 'mdi.cert.ctldl',
    allowlist: 'ctldl.windowsupdate.com',
    testUrl: 'http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab',
    port: 80,
    reachable: [200],
    note: 'Automatic root updates (authrootstl.cab, disallowedcertstl.cab): how a missing root gets installed.',
  },
  {
    id: 'mdi.cert.pkiops',
    allowlist: 'www.microsoft.com/pkiops/*',
    testUrl: 'http://www.microsoft.com/pkiops/crl/Microsoft%20Azure%20RSA%20TLS%20Issuing%20CA%2004.crl',
    port: 80,
    reachable: [200],
    note: 'CRLs and issuer certificates of the Microsoft Azure TLS issuing CAs.',
  },
  {
    id: 'mdi.cert.pki',
    allowlist: 'www.microsoft.com/pki/*',
    testUrl: 'http://www.microsoft.com/pki/certs/MicRooCerAut2011_2011_03_22.crt',
    port: 80,
    reachable: [200],
    note: 'Microsoft root and issuer certificates.',
  },
];

const REVOCATION: readonly Omit<CatalogEntry, 'service' | 'geography' | 'required' | 'category' | 'source'>[] = [
  { id: 'mdi.revocation.oneocsp', allowlist: 'oneocsp.microsoft.com', testUrl: 'http://oneocsp.microsoft.com/ocsp', port: 80, reachable: [200, 400, 404, 405] },
  { id: 'mdi.revocation.ocsp-digicert', allowlist: 'ocsp.digicert.com', testUrl: 'http://ocsp.digicert.com/', port: 80, reachable: [200, 400, 404, 405] },
  { id: 'mdi.revocation.crl3', allowlist: 'crl3.digicert.com', testUrl: 'http://crl3.digicert.com/DigiCertGlobalRootG2.crl', port: 80, reachable: [200] },
  { id: 'mdi.revocation.crl4', allowlist: 'crl4.digicert.com', testUrl: 'http://crl4.digicert.com/DigiCertGlobalRootG2.crl', port: 80, reachable: [200] },
  { id: 'mdi.revocation.cacerts', allowlist: 'cacerts.digicert.com', testUrl: 'http://cacerts.digicert.com/DigiCertGlobalRootG2.crt', port: 80, reachable: [200] },
  { id: 'mdi.revocation.caissuers', allowlist: 'caissuers.microsoft.com', testUrl: 'http://caissuers.microsoft.com/pki/', port: 80, reachable: [200, 400, 404] },
];

/** FACTS §2: regional records older workspaces still resolve to. */
const LEGACY: readonly { cloud: Cloud; geography: string; hosts: string[] }[] = [
  { cloud: 'Commercial', geography: 'US', hosts: ['triprd1wcusw1', 'triprd1wcuswb1', 'triprd1wcuse1', 'triprd1wcusw2', 'triprd1wcuswb3', 'triprd1wcuse3'] },
  { cloud: 'Commercial', geography: 'Europe', hosts: ['triprd1wceun1', 'triprd1wceuw1', 'triprd1wceun2', 'triprd1wceuw3'] },
  { cloud: 'Commercial', geography: 'Asia', hosts: ['triprd1wcasse1', 'triprd1wcasse2'] },
  { cloud: 'Commercial', geography: 'UK', hosts: ['triprd1wcuks2'] },
  { cloud: 'GCCHigh', geography: 'GCCHigh', hosts: ['triff1wcva1', 'triff1wcva2'] },
  { cloud: 'DoD', geography: 'DoD', hosts: ['triff1wcva1', 'triff1wcva2'] },
];

export interface MdiSelection {
  cloud: Cloud;
  workspace?: string;
  includeLegacy?: boolean;
}

/** The sensor API entry; its testUrl needs a workspace name. */
export function sensorApiEntry(cloud: Cloud, workspace?: string): CatalogEntry {
  const host = `${workspace ? workspace.toLowerCase() : '<workspace>'}${SENSOR_DOMAIN[cloud]}`;
  return {
    id: 'mdi.sensor-api',
    service: 'MDI',
    category: 'SensorApi',
    allowlist: host,
    testUrl: workspace ? `https://${host}${PING_PATH}` : null,
    port: 443,
    // FACTS §2: 200 "Ok", 200 with a version string, or 503 for some older workspaces.
    reachable: [200, 503],
    required: true,
    geography: cloud,
    source: SOURCES.mdiEndpoint,
    note: cloud === 'GCC' ? 'The docs also spell it <workspace>sensorapi.gcc.atp.azure.com; allow both if unsure.' : undefined,
  };
}

export function mdiCatalog(selection: MdiSelection): CatalogEntry[] {
  const { cloud } = selection;
  const shared = { service: 'MDI' as const, geography: 'WW' };
  const entries: CatalogEntry[] = [
    sensorApiEntry(cloud, selection.workspace),
    ...CERTIFICATE_ALLOWLIST.map((e) => ({ ...e, ...shared, category: 'CertificateAllowlist' as const, required: true, source: SOURCES.mdiConnect })),
    ...REVOCATION.map((e) => ({
      ...e,
      ...shared,
      category: 'CertificateRevocation' as const,
      required: false,
      source: SOURCES.azureCaRevocation,
      note: 'Used by the Azure issuing CAs for revocation; a strict allowlist may need it.',
    })),
  ];
  if (selection.includeLegacy) {
    for (const group of LEGACY.filter((g) => g.cloud === cloud)) {
      for (const record of group.hosts) {
        const host = `${record}${SENSOR_DOMAIN[cloud]}`;
        entries.push({
          id: `mdi.legacy.${record}`,
          service: 'MDI',
          category: 'LegacyRegional',
          allowlist: host,
          testUrl: `https://${host}${PING_PATH}`,
          port: 443,
          reachable: [200, 503],
          required: false,
          geography: group.geography,
          source: SOURCES.mdiLegacy,
        });
      }
    }
  }
  return entries.map(dropUndefined);
}

export { CLOUDS };

function dropUndefined(entry: CatalogEntry): CatalogEntry {
  if (entry.note === undefined) delete entry.note;
  return entry;
}
