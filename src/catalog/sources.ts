// Where catalog entries come from. Each entry names one of these, so an admin who
// doubts a line can open the document it was taken from.
export const SOURCES = {
  mdiConnect: 'seed 000/001 "Connect to the Defender for Identity service": allowlist for certificate checks (port 80 for CRL/CTL)',
  mdiEndpoint: 'seed 000/002 and FACTS §2: sensor endpoint per cloud, ping path /tri/sensor/api/ping',
  mdiLegacy: 'seed 003 (Azure ATP proxy page) and FACTS §2: legacy regional records',
  azureCaRevocation: 'FACTS §2: Azure CA revocation and issuer endpoints (Azure TLS certificate changes)',
  mdeUrls: 'seed 004 "Configure your environment…": commercial URL list (FACTS §6, standard URLs by geography)',
  mdeAnalyzer: 'seed 004 and FACTS §6: Client Analyzer test URL and expected answer',
  mdeStreamlined: 'seed 004 and FACTS §6: streamlined connectivity (*.endpoint.security.microsoft.com)',
  mdeGov: 'FACTS §6: Gov/GCC/DoD URL list',
  mdeMma: 'seed 004: Microsoft Monitoring Agent requirements for older Windows',
} as const;

/** Bumped whenever an entry changes: date of the change, then a counter. */
export const CATALOG_VERSION = '2026.11.21.1';
