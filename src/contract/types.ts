// The one JSON contract between the PowerShell module and the engine.
// The JSON Schema in module/schema/ is generated from this file at build time
// (scripts/build.mjs); tests validate real engine output against it.
// Bump SCHEMA_VERSION on any change a consumer could notice.

import type { RequestEnvelope } from './request-envelope.js';
import type {
  CopySettingsRequest,
  CopySettingsResponse,
  ProxySource,
  SettingsInput,
  SettingsRequest,
  SettingsResponse,
} from './settings-types.js';
import type {
  CertificateInput,
  DeployerSyntaxRequest,
  DeployerSyntaxResponse,
  SensorConfigRequest,
  SensorConfigResponse,
  UnifiedProxyRequest,
  UnifiedProxyResponse,
} from './sensor-config-types.js';
import type {
  CatalogRequest,
  CatalogResponse,
  EndpointCategory,
  MdeTestRequest,
  MdeTestResponse,
  RootCertificateReport,
  RootStoreInput,
  ServiceTagsRequest,
  ServiceTagsResponse,
} from './catalog-types.js';

export type * from './settings-types.js';
export type * from './sensor-config-types.js';
export type * from './catalog-types.js';
export type * from './request-envelope.js';
export type * from './verdict-types.js';
import type { Cloud, Verdict } from './verdict-types.js';

export const SCHEMA_VERSION = 4;

export type PhaseName = 'dns' | 'tcp' | 'proxyConnect' | 'proxyAuth' | 'tls' | 'http';

export interface PhaseResult {
  name: PhaseName;
  /** Milliseconds spent in this phase (fractional). */
  ms: number;
  ok: boolean;
  /** What happened, in a few words (addresses, status line, protocol...). */
  note: string;
}

export interface ProxyAnswer {
  /** Status code the proxy gave to the last CONNECT it answered. */
  statusCode: number;
  statusText: string;
  /** Headers as received (names lower-cased; repeated headers joined with ", "). */
  headers: Record<string, string>;
  /** Schemes offered in Proxy-Authenticate, e.g. ["Basic", "NTLM"]. */
  authSchemes: string[];
  /** Scheme we used to authenticate, when we did. */
  authScheme?: string;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** SHA-1 thumbprint, upper-case hex without separators (the form Windows shows). */
  thumbprint: string;
  sha256: string;
  notBefore: string;
  notAfter: string;
  selfSigned: boolean;
  /** Why this certificate matters: a known Microsoft/DigiCert CA, a root you trusted explicitly, or neither. */
  recognizedAs?: string;
}

export interface CheckResult {
  /** The URL checked. */
  target: string;
  /** Catalog entry checked: "mdi.sensor-api" for the sensor API, else an allowlist entry's id. */
  endpointId: string;
  category: EndpointCategory;
  /** False for optional entries: reported, but they do not fail the test. */
  required: boolean;
  host: string;
  port: number;
  verdict: Verdict;
  passed: boolean;
  /** One line: what happened. */
  detail: string;
  /** One line: what to do about it. */
  remediation: string;
  httpStatus: number | null;
  /** First bytes of the response body (at most 200 characters). */
  responseBody: string | null;
  /** Proxy URL used (never with credentials), or null for direct. */
  proxy: string | null;
  /** Phase where the check stopped, for Timeout and failures. */
  failedPhase: PhaseName | null;
  addresses: string[];
  phases: PhaseResult[];
  proxyAnswer: ProxyAnswer | null;
  /** Presented chain, leaf first, as the TLS peer sent it and Node completed it. */
  certificateChain: CertificateInfo[];
  tlsProtocol: string | null;
  totalMs: number;
  /** Who supplied the route: the -ProxyUrl parameter, a service account's settings, a PAC, or none. */
  routeSource: Exclude<ProxySource, 'Auto'>;
  /** Accounts that take this route (several when they agree). */
  routeAccounts: string[];
  /** Why this route, e.g. "LocalService: manual proxy proxy.contoso.com:8080 (https= entry)". */
  routeReason: string;
}

/** What the module sends on stdin. The password travels only here. */
export interface TestRequest extends RequestEnvelope, SettingsInput, CertificateInput, RootStoreInput {
  command: 'test';
  workspace?: string;
  cloud?: Cloud;
  sensorApiUrl?: string;
  proxyUrl?: string;
  proxyUser?: string;
  proxyPassword?: string;
  /** PEM text of extra trusted roots (files are read by the caller). */
  trustedRoots?: string[];
  timeoutSec?: number;
  /** Which route to test; Auto follows the sensor's own order (see README). */
  proxySource?: ProxySource;
  /** PAC to evaluate for -ProxySource Pac (file path or http URL). */
  pacUrl?: string;
  /**
   * SensorConfiguration.json for -ProxySource SensorConfiguration (and Auto): endpoint and proxy come from it.
   * The proxy password: proxyPassword (the module decrypted it on Windows) or decrypted here with certificatePath.
   */
  sensorConfigurationPath?: string;
  /** Also check the certificate allowlist URLs and report the required roots (default true; false = sensor API only). */
  allowlist?: boolean;
  /** Also check the legacy regional sensor records (older workspaces). */
  includeLegacy?: boolean;
  /** Most connections open at once through one proxy (and directly); default 32. */
  maxConnectionsPerProxy?: number;
}

export type EngineRequest =
  | TestRequest
  | SettingsRequest
  | CopySettingsRequest
  | SensorConfigRequest
  | DeployerSyntaxRequest
  | UnifiedProxyRequest
  | CatalogRequest
  | MdeTestRequest
  | ServiceTagsRequest;

export interface TestResponse {
  schemaVersion: number;
  command: 'test';
  engineVersion: string;
  nodeVersion: string;
  /** How the sensor URL was chosen (cloud, override, which documented spelling). */
  endpointNote: string;
  /** Every required check passed and every required root is present. */
  passed: boolean;
  /** The sensor API first, then the allowlist URLs, each along every route. */
  checks: CheckResult[];
  /** The machine's required roots; null when only the sensor API was asked for. */
  rootCertificates: RootCertificateReport | null;
  /** How the routes were chosen; e.g. that LocalService and LocalSystem differ. */
  notes: string[];
  totalMs: number;
}

export interface ErrorResponse {
  schemaVersion: number;
  error: {
    /** Stable identifier, e.g. MDI_INVALID_ARGUMENT. */
    code: string;
    message: string;
  };
}

export type EngineResponse =
  | TestResponse
  | SettingsResponse
  | CopySettingsResponse
  | SensorConfigResponse
  | DeployerSyntaxResponse
  | UnifiedProxyResponse
  | CatalogResponse
  | MdeTestResponse
  | ServiceTagsResponse
  | ErrorResponse;
