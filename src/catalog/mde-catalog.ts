import type { CatalogEntry, EndpointCategory, MdeRegion } from '../contract/types.js';
import { isGovRegion } from './names.js';
import { SOURCES } from './sources.js';

// Defender for Endpoint URLs per data location (FACTS §6). Test URLs and their
// expected answers are the Client Analyzer's: the gateway's /commands/test and the
// telemetry /ping answer 200, blob storage answers 400, the streamlined AV path 404.
// Hosts whose answer FACTS does not give count as reachable on the analyzer's own
// rule (200, 400 or 404).

export const ANALYZER_RULE: readonly number[] = [200, 400, 404];

type Row = [id: string, category: EndpointCategory, allowlist: string, testUrl: string | null, reachable: readonly number[], source: string, required?: boolean];

/** Certificate URLs every geography needs (plain HTTP, port 80). */
const WW_CERTIFICATES: Row[] = [
  ['mde.ww.crl', 'Certificates', 'crl.microsoft.com', 'http://crl.microsoft.com/pki/crl/products/MicProSecSerCA_2007-12-04.crl', [200], SOURCES.mdeUrls],
  ['mde.ww.ctldl', 'Certificates', 'ctldl.windowsupdate.com', 'http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/disallowedcertstl.cab', [200], SOURCES.mdeUrls],
  ['mde.ww.pkiops', 'Certificates', 'www.microsoft.com/pkiops/*', 'http://www.microsoft.com/pkiops/crl/Microsoft%20Azure%20RSA%20TLS%20Issuing%20CA%2004.crl', [200], SOURCES.mdeUrls],
  ['mde.ww.pki', 'Certificates', 'www.microsoft.com/pki/*', 'http://www.microsoft.com/pki/certs/MicRooCerAut2011_2011_03_22.crt', [200], SOURCES.mdeUrls],
];

const WW_SERVICES: Row[] = [
  ['mde.ww.events', 'Telemetry', 'events.data.microsoft.com', 'https://events.data.microsoft.com/ping', ANALYZER_RULE, SOURCES.mdeUrls],
  ['mde.ww.settings-win', 'Telemetry', 'settings-win.data.microsoft.com', 'https://settings-win.data.microsoft.com/', ANALYZER_RULE, SOURCES.mdeUrls, false],
  ['mde.ww.login-microsoftonline', 'Authentication', 'login.microsoftonline.com', 'https://login.microsoftonline.com/', ANALYZER_RULE, SOURCES.mdeUrls],
  ['mde.ww.login-live', 'Authentication', 'login.live.com', 'https://login.live.com/', ANALYZER_RULE, SOURCES.mdeUrls],
  ['mde.ww.enterpriseregistration', 'Authentication', 'enterpriseregistration.windows.net', 'https://enterpriseregistration.windows.net/', ANALYZER_RULE, SOURCES.mdeUrls],
  ['mde.ww.wns', 'Notifications', '*.wns.windows.com', null, ANALYZER_RULE, SOURCES.mdeUrls],
  ['mde.ww.security', 'Portal', '*.security.microsoft.com', null, ANALYZER_RULE, SOURCES.mdeUrls],
  ['mde.ww.dm', 'DeviceManagement', '*.dm.microsoft.com', null, ANALYZER_RULE, SOURCES.mdeUrls],
  ['mde.ww.mma-ods', 'LegacyMma', '*.ods.opinsights.azure.com', null, ANALYZER_RULE, SOURCES.mdeMma, false],
  ['mde.ww.mma-oms', 'LegacyMma', '*.oms.opinsights.azure.com', null, ANALYZER_RULE, SOURCES.mdeMma, false],
  ['mde.ww.mma-blob', 'LegacyMma', '*.blob.core.windows.net', null, ANALYZER_RULE, SOURCES.mdeMma, false],
  ['mde.ww.mma-automation', 'LegacyMma', '*.azure-automation.net', null, ANALYZER_RULE, SOURCES.mdeMma, false],
];

interface Geography {
  /** Antivirus cloud host prefix (unitedstates.x.cp.wd.microsoft.com). */
  av?: string;
  /** vortex-win / -v20.events prefix (us, eu, uk, au). */
  cyber?: string;
  gateways: string[];
  storage: string[];
  /** Extra blob accounts (ussus1eastprod, wsus1westprod...). */
  accounts?: string[];
  /** Streamlined: geography label and EDR gateways (edr-cus.us.endpoint.security.microsoft.com). */
  streamlined?: { geo: string; edr: string[] };
}

const expand = (prefix: string, parts: string[], suffix: string): string[] => parts.map((p) => `${prefix}${p}${suffix}`);

const COMMERCIAL: Record<'US' | 'EU' | 'UK' | 'AU' | 'UAE', Geography> = {
  US: {
    av: 'unitedstates',
    cyber: 'us',
    gateways: ['cus', 'eus', 'cus3', 'eus3'],
    storage: ['cus', 'eus', 'cus3', 'eus3'],
    accounts: [...['1', '2', '3', '4'].flatMap((n) => expand(`ussus${n}`, ['east', 'west'], 'prod')), ...['1', '2'].flatMap((n) => expand(`wsus${n}`, ['east', 'west'], 'prod'))],
    streamlined: { geo: 'us', edr: ['cus', 'eus', 'cus3', 'eus3'] },
  },
  EU: {
    av: 'europe',
    cyber: 'eu',
    gateways: ['neu', 'weu', 'neu3', 'weu3'],
    storage: ['neu', 'weu', 'neu3', 'weu3'],
    accounts: [...expand('usseu1', ['north', 'west'], 'prod'), ...expand('wseu1', ['north', 'west'], 'prod')],
    streamlined: { geo: 'eu', edr: ['weu', 'neu', 'weu3', 'neu3'] },
  },
  UK: {
    av: 'unitedkingdom',
    cyber: 'uk',
    gateways: ['uks', 'ukw'],
    storage: ['uks', 'ukw'],
    accounts: [...expand('ussuk1', ['south', 'west'], 'prod'), ...expand('wsuk1', ['south', 'west'], 'prod')],
    streamlined: { geo: 'uk', edr: ['uks', 'ukw'] },
  },
  AU: {
    av: 'australia',
    cyber: 'au',
    gateways: ['aue', 'aus'],
    storage: ['aue', 'aus'],
    accounts: expand('ussau1', ['southeast', 'east'], 'prod'),
    streamlined: { geo: 'au', edr: ['aus', 'aue'] },
  },
  UAE: { gateways: ['aec0a', 'aen0a'], storage: ['aen0a', 'aec0a'] },
};

function commercialRows(region: keyof typeof COMMERCIAL): Row[] {
  const g = COMMERCIAL[region];
  const key = region.toLowerCase();
  const rows: Row[] = [];
  if (g.av) rows.push([`mde.${key}.av`, 'Antivirus', `${g.av}.x.cp.wd.microsoft.com`, `https://${g.av}.x.cp.wd.microsoft.com/api/report`, ANALYZER_RULE, SOURCES.mdeUrls]);
  if (g.cyber) {
    rows.push([`mde.${key}.vortex`, 'CyberData', `${g.cyber}.vortex-win.data.microsoft.com`, `https://${g.cyber}.vortex-win.data.microsoft.com/ping`, [200], SOURCES.mdeAnalyzer]);
    rows.push([`mde.${key}.v20`, 'CyberData', `${g.cyber}-v20.events.data.microsoft.com`, `https://${g.cyber}-v20.events.data.microsoft.com/ping`, [200], SOURCES.mdeAnalyzer]);
  }
  for (const gw of g.gateways) {
    rows.push([`mde.${key}.gateway.${gw}`, 'CommandAndControl', `winatp-gw-${gw}.microsoft.com`, `https://winatp-gw-${gw}.microsoft.com/commands/test`, [200], SOURCES.mdeAnalyzer]);
  }
  for (const s of g.storage) {
    rows.push([`mde.${key}.storage.${s}`, 'Storage', `automatedirstrprd${s}.blob.core.windows.net`, `https://automatedirstrprd${s}.blob.core.windows.net/`, [400], SOURCES.mdeAnalyzer]);
  }
  for (const account of g.accounts ?? []) {
    rows.push([`mde.${key}.storage.${account}`, 'Storage', `${account}.blob.core.windows.net`, `https://${account}.blob.core.windows.net/`, [400], SOURCES.mdeAnalyzer]);
  }
  return rows;
}

function streamlinedRows(region: MdeRegion): Row[] {
  const gov = isGovRegion(region);
  const domain = gov ? 'endpoint.security.microsoft.us' : 'endpoint.security.microsoft.com';
  const rows: Row[] = [['mde.streamlined.domain', 'Streamlined', `*.${domain}`, null, ANALYZER_RULE, SOURCES.mdeStreamlined]];
  const s = gov ? undefined : COMMERCIAL[region as keyof typeof COMMERCIAL].streamlined;
  if (!s) return rows;
  for (const edr of s.edr) {
    rows.push([`mde.streamlined.edr.${edr}`, 'Streamlined', `edr-${edr}.${s.geo}.${domain}`, `https://edr-${edr}.${s.geo}.${domain}/edr/commands/test`, [200], SOURCES.mdeStreamlined]);
  }
  rows.push([`mde.streamlined.mdav.${s.geo}`, 'Streamlined', `mdav.${s.geo}.${domain}`, `https://mdav.${s.geo}.${domain}/mdav/test`, [404], SOURCES.mdeStreamlined]);
  return rows;
}

function govRows(region: 'GCC' | 'GCCHigh' | 'DoD'): Row[] {
  // FACTS §6 gives the host prefixes; GCC runs its gateways under microsoft.com,
  // GCC High and DoD under microsoft.us; storage lives in usgovcloudapi.net.
  const plan = {
    GCC: { gateways: ['usmt', 'usmv'], domain: 'microsoft.com', storage: ['automatedirstrfmusmt', 'automatedirstrfmusmv'], v20: 'us4' },
    GCCHigh: { gateways: ['usgt'], domain: 'microsoft.us', storage: ['automatedirstrffusgv'], v20: null },
    DoD: { gateways: ['usgt', 'usgv'], domain: 'microsoft.us', storage: ['automatedirstrffusgt', 'automatedirstrffusgv'], v20: null },
  }[region];
  const key = region.toLowerCase();
  const rows: Row[] = plan.gateways.map((gw) => [
    `mde.${key}.gateway.${gw}`, 'CommandAndControl', `winatp-gw-${gw}.${plan.domain}`, `https://winatp-gw-${gw}.${plan.domain}/commands/test`, [200], SOURCES.mdeGov,
  ]);
  if (plan.v20) rows.push([`mde.${key}.v20`, 'CyberData', `${plan.v20}-v20.events.data.microsoft.com`, `https://${plan.v20}-v20.events.data.microsoft.com/ping`, [200], SOURCES.mdeGov]);
  for (const account of plan.storage) {
    rows.push([`mde.${key}.storage.${account}`, 'Storage', `${account}.blob.core.usgovcloudapi.net`, `https://${account}.blob.core.usgovcloudapi.net/`, [400], SOURCES.mdeGov]);
  }
  return rows;
}

export interface MdeSelection {
  region: MdeRegion;
  streamlined?: boolean;
}

/** The URLs one device in one data location needs, standard or streamlined. */
export function mdeCatalog(selection: MdeSelection): CatalogEntry[] {
  const { region } = selection;
  const authentication = WW_SERVICES.filter((r) => r[1] === 'Authentication');
  // The gov lists name no WW telemetry hosts; streamlined replaces everything but certificates and sign-in.
  const regional: Row[] = selection.streamlined
    ? [...authentication, ...streamlinedRows(region)]
    : isGovRegion(region) ? [...authentication, ...govRows(region)] : [...WW_SERVICES, ...commercialRows(region)];
  const rows = [...WW_CERTIFICATES, ...regional];
  return rows.map(([id, category, allowlist, testUrl, reachable, source, required]) => ({
    id,
    service: 'MDE',
    category,
    allowlist,
    testUrl,
    port: testUrl?.startsWith('http://') ? 80 : 443,
    reachable: [...reachable],
    required: required ?? true,
    geography: id.startsWith('mde.ww.') ? 'WW' : region,
    source,
  }));
}
