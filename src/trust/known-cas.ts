// FACTS §3: the roots and issuers a genuine Defender for Identity chain leads to.
// Anything else in front of the sensor API is TLS inspection.

export interface KnownRoot {
  name: string;
  sha1: string;
  note: string;
}

export const KNOWN_ROOTS: readonly KnownRoot[] = [
  { name: 'DigiCert Global Root G2', sha1: 'DF3C24F9BFD666761B268073FE06D1CC8D4F82A4', note: 'required root (commercial)' },
  { name: 'DigiCert Global Root CA', sha1: 'A8985D3A65E5E5C4B2D7D66D40C6DD2FB19C5436', note: 'required root (US Government)' },
  { name: 'Microsoft RSA Root Certificate Authority 2017', sha1: '73A5E64A3BFF8316FF0EDCCC618A906E4EAE4D74', note: 'Azure root' },
  { name: 'Microsoft ECC Root Certificate Authority 2017', sha1: '999A64C37FF47D9FAB95F14769891460EEC4C3C5', note: 'Azure root' },
  { name: 'DigiCert Global Root G3', sha1: '7E04DE896A3E666D00E687D33FFAD93BE83D349E', note: 'Azure root' },
  { name: 'Baltimore CyberTrust Root', sha1: 'D4DE20D05E66FC53FE1A50882C78DB2852CAE474', note: 'retired Azure root (expired 2025-05-12)' },
];

/** "Microsoft Azure RSA TLS Issuing CA 03", "Microsoft Azure ECC TLS Issuing CA 07", "Microsoft Azure TLS Issuing CA 01". */
export const AZURE_ISSUING_CA = /^Microsoft Azure (?:RSA |ECC )?TLS Issuing CA \d{2}$/;

/** Which root to tell the admin to install, by cloud family (FACTS §3). */
export function requiredRootFor(host: string): KnownRoot {
  const gov = host.toLowerCase().endsWith('.us');
  return KNOWN_ROOTS[gov ? 1 : 0]!;
}
