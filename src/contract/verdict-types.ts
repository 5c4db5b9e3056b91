// The two words every part of the contract uses; a leaf, so the other contract files can import
// them without importing types.ts (which imports them all back).

export type Cloud = 'Commercial' | 'GCC' | 'GCCHigh' | 'DoD';

/** Every check ends in exactly one verdict. */
export type Verdict =
  | 'Pass'
  | 'DnsFailure'
  | 'ProxyUnreachable'
  | 'ProxyError'
  | 'ProxyAuthRequired'
  | 'ProxyAuthFailed'
  | 'ProxyAuthMisconfigured'
  | 'ProxyDenied'
  | 'ConnectFailed'
  | 'TlsInspected'
  | 'CertificateUntrusted'
  | 'CertificateExpired'
  | 'CertificateNameMismatch'
  | 'TlsHandshakeFailed'
  | 'Timeout'
  | 'UnexpectedResponse';
