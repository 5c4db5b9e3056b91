// Contract types for the endpoint catalog, the root-certificate report, the
// Defender for Endpoint five-way matrix and the service-tag check (issue 5).
// Part of the one contract (types.ts re-exports this file).

import type { RequestEnvelope } from './request-envelope.js';
import type { Cloud, Verdict } from './verdict-types.js';
import type { SettingsInput } from './settings-types.js';
import type { UnifiedProxyValues } from './sensor-config-types.js';

export type Service = 'MDI' | 'MDE';

/** Defender for Endpoint data locations the catalog covers (FACTS §6). */
export type MdeRegion = 'US' | 'EU' | 'UK' | 'AU' | 'UAE' | 'GCC' | 'GCCHigh' | 'DoD';

export type EndpointCategory =
  // Defender for Identity
  | 'SensorApi'
  | 'LegacyRegional'
  | 'CertificateAllowlist'
  | 'CertificateRevocation'
  // Defender for Endpoint
  | 'Certificates'
  | 'CommandAndControl'
  | 'CyberData'
  | 'Telemetry'
  | 'Antivirus'
  | 'Storage'
  | 'Authentication'
  | 'Portal'
  | 'Notifications'
  | 'DeviceManagement'
  | 'Streamlined'
  | 'LegacyMma';

/** One line of the allowlist, and how to prove it is open. */
export interface CatalogEntry {
  /** Stable identifier, e.g. "mdi.cert.crl" or "mde.us.gateway.cus". */
  id: string;
  service: Service;
  category: EndpointCategory;
  /** The allowlist line as a proxy admin writes it: a host, host/path/*, or *.domain. */
  allowlist: string;
  /** A concrete URL to request; null for wildcard-only lines that name no single host. */
  testUrl: string | null;
  port: number;
  /** HTTP statuses that prove the service was reached (FACTS §6: 400 is normal for blob storage, 404 for the AV endpoint). */
  reachable: number[];
  /** Optional entries are listed and probed but never fail a check. */
  required: boolean;
  /** "WW" or the data location (MDE), or the cloud (MDI). */
  geography: string;
  /** Where the entry comes from: seed document and section, or FACTS section. */
  source: string;
  note?: string;
}

export interface CatalogRequest extends RequestEnvelope {
  command: 'catalog';
  service?: Service;
  /** MDI cloud; default Commercial. */
  cloud?: Cloud;
  /** MDE data location; required for service MDE. */
  region?: MdeRegion;
  /** MDE streamlined connectivity (*.endpoint.security.microsoft.com) instead of the standard list. */
  streamlined?: boolean;
  /** Fills <workspace> in the sensor API entry. */
  workspace?: string;
  /** MDI legacy regional records (older workspaces). */
  includeLegacy?: boolean;
}

export interface CatalogResponse {
  schemaVersion: number;
  command: 'catalog';
  /** Version of the catalog data (date-based; bumped whenever an entry changes). */
  catalogVersion: string;
  entries: CatalogEntry[];
  notes: string[];
}

/** One required root, looked up by thumbprint in the machine's store. */
export interface RootCertificateStatus {
  name: string;
  /** SHA-1, upper-case hex (the form Windows shows). */
  thumbprint: string;
  /** Which clouds need it. */
  requiredFor: string;
  present: boolean;
  /** Validity end when present (ISO 8601), else null. */
  notAfter: string | null;
  expired: boolean | null;
}

export interface RootCertificateReport {
  /** Which store was read: Cert:\LocalMachine\Root (from the module), a PEM bundle path, or Node's reading of the OS store. */
  store: string;
  roots: RootCertificateStatus[];
  /** Every root this cloud requires is present and not expired. */
  passed: boolean;
  detail: string;
  remediation: string;
}

/** What the module sends so the root report reads the right store. */
export interface RootStoreInput {
  /** Thumbprints of Cert:\LocalMachine\Root (the module reads them on Windows). */
  rootStoreThumbprints?: string[];
  /** PEM text of a CA bundle to treat as the machine store (off Windows; files are read by the caller). */
  rootStorePem?: string;
  /** Label for rootStorePem (the file name) in the report. */
  rootStoreLabel?: string;
}

// ---- Defender for Endpoint five-way matrix -------------------------------------------------

/** The Client Analyzer's five methods, in its order (FACTS §6). */
export type MdeRouteKind = 'DefaultProxy' | 'Wpad' | 'Direct' | 'NamedProxy' | 'CommandLineProxy';

export interface MdeRoute {
  /** 1 to 5, as the analyzer numbers them. */
  number: number;
  kind: MdeRouteKind;
  /** The analyzer's label, e.g. "Default proxy". */
  label: string;
  /** False prints "Doesn't exist": the route is not configured on this machine. */
  exists: boolean;
  /** Proxy URL (never with credentials); for WPAD the PAC's answer varies per URL. */
  proxy: string | null;
  /** Where the route comes from, e.g. "WinHttpSettings: proxy proxy:8080" or "TelemetryProxyServer". */
  reason: string;
}

export type MdeOutcome = 'Succeeded' | 'Failed' | 'DoesNotExist';

export interface MdeRouteResult {
  route: number;
  kind: MdeRouteKind;
  outcome: MdeOutcome;
  httpStatus: number | null;
  /** Our verdict for the probe; null when the route does not exist. */
  verdict: Verdict | null;
  detail: string;
  /** Proxy this URL took along this route (WPAD: the PAC's choice), or null for direct. */
  proxy: string | null;
  /** The number the analyzer would print in "Failed (n)": the HTTP status, else a WinHTTP error code. */
  analyzerCode: number | null;
  /** True when another route's identical probe (same URL, same proxy) was reused. */
  shared: boolean;
  totalMs: number;
}

export interface MdeUrlResult {
  url: string;
  entryId: string;
  category: EndpointCategory;
  reachable: number[];
  /** At least one route reached the service with an expected status, without TLS inspection or proxy authentication. */
  passed: boolean;
  results: MdeRouteResult[];
}

export interface MdeTestRequest extends RequestEnvelope, SettingsInput {
  command: 'mde-test';
  region: MdeRegion;
  streamlined?: boolean;
  /** Route 5, the analyzer's -p host:port. */
  proxyUrl?: string;
  /** HKLM policy values the module read (TelemetryProxyServer); a .reg in regFileBase64 works too. */
  unifiedRegistry?: Partial<UnifiedProxyValues>;
  trustedRoots?: string[];
  timeoutSec?: number;
  /** Most connections open at once through one proxy (and directly); default 32. */
  maxConnectionsPerProxy?: number;
}

export interface MdeTestResponse {
  schemaVersion: number;
  command: 'mde-test';
  engineVersion: string;
  catalogVersion: string;
  region: MdeRegion;
  streamlined: boolean;
  routes: MdeRoute[];
  urls: MdeUrlResult[];
  passed: boolean;
  /** The Client Analyzer's text layout, for runbooks that parse it. */
  analyzerText: string;
  notes: string[];
  totalMs: number;
}

// ---- Azure service tags -----------------------------------------------------------------

export interface ServiceTagsRequest extends RequestEnvelope {
  command: 'service-tags';
  /** Text of ServiceTags_<Cloud>_<date>.json (the caller reads the file). */
  serviceTagsJson: string;
  /** File name, for the publication date in ServiceTags_Public_20261116.json. */
  serviceTagsFileName?: string;
  service?: Service;
  cloud?: Cloud;
  workspace?: string;
  region?: MdeRegion;
  streamlined?: boolean;
  /** Host names to check instead of the catalog's. */
  hosts?: string[];
  /** The firewall's allowed list (CIDRs or single addresses) to compare with the tag. */
  firewallRanges?: string[];
  /** curl-style host:port:address overrides for name resolution. */
  resolve?: string[];
  timeoutSec?: number;
}

export interface ServiceTagSummary {
  name: string;
  changeNumber: number | null;
  ipv4Prefixes: number;
  ipv6Prefixes: number;
}

export interface ServiceTagAddress {
  address: string;
  family: 'IPv4' | 'IPv6';
  inTag: boolean;
  /** The tag prefix that holds it, when one does. */
  prefix: string | null;
  tag: string | null;
}

export interface ServiceTagHostResult {
  host: string;
  addresses: ServiceTagAddress[];
  /** Every address lies in the tag (false when the name did not resolve). */
  passed: boolean;
  /** Why the name could not be checked, when it could not. */
  error: string | null;
}

export interface FirewallComparison {
  /** Tag prefixes no firewall entry covers. */
  missing: string[];
  /** Firewall entries that overlap no tag prefix (left over from an older file). */
  stale: string[];
  /** Firewall entries wider than the tag prefixes they contain. */
  broader: string[];
  /** Tag prefixes a firewall entry covers. */
  covered: number;
  passed: boolean;
}

export interface ServiceTagsResponse {
  schemaVersion: number;
  command: 'service-tags';
  /** The file's own cloud name (Public, AzureGovernment, AzureChinaCloud). */
  cloud: string;
  changeNumber: number;
  /** Publication date from the file name (YYYY-MM-DD), when the name carries one. */
  fileDate: string | null;
  service: Service;
  tags: ServiceTagSummary[];
  hosts: ServiceTagHostResult[];
  firewall: FirewallComparison | null;
  passed: boolean;
  notes: string[];
}
