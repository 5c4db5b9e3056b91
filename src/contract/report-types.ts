// The JSON report Export-MDIConnectivityReport writes (module/schema/connectivity-report.schema.json is
// generated from these types by scripts/build.mjs). The module builds it from CheckResult objects, live
// or deserialized from a fleet run; property names are the engine contract's, in camelCase.
import type { PhaseName, Verdict } from './types.js';

/** Verdicts of a host that gave no answer of its own (a fleet run over PowerShell remoting). */
export type HostVerdict =
  | 'HostUnreachable'
  | 'HostAccessDenied'
  | 'HostKeyUntrusted'
  | 'HostNoPowerShell'
  | 'HostTimeout'
  | 'HostRuntimeMissing'
  | 'HostCommandFailed';

export type ReportVerdict = Verdict | HostVerdict;

export interface ReportPhase {
  /** A check phase, or "remoting" for a host that gave no answer. */
  name: PhaseName | 'remoting';
  ms: number;
  ok: boolean;
  note: string;
}

export interface ReportCertificate {
  subject: string;
  issuer: string;
  thumbprint: string;
  /** ISO 8601, UTC; null when the result did not carry it. */
  notBefore: string | null;
  notAfter: string | null;
  recognizedAs: string | null;
}

export interface ReportCheck {
  /** SensorApi, CertificateAllowlist, CertificateRevocation, LegacyRegional, RootCertificate, or Host. */
  category: string;
  target: string;
  endpointId: string;
  required: boolean;
  verdict: ReportVerdict;
  passed: boolean;
  detail: string;
  remediation: string;
  httpStatus: number | null;
  /** As received from the server or proxy: untrusted text (the HTML escapes it). */
  responseBody: string | null;
  proxy: string | null;
  failedPhase: string | null;
  totalMs: number;
  routeSource: string;
  routeReason: string;
  phases: ReportPhase[];
  certificateChain: ReportCertificate[];
}

export interface ReportHost {
  computerName: string;
  /** The verdict of the host's first failed required check, else Pass. */
  verdict: ReportVerdict;
  passed: boolean;
  checks: ReportCheck[];
}

export interface ReportSummaryLine {
  verdict: ReportVerdict;
  /** How many hosts have this verdict. */
  hosts: number;
}

export interface ConnectivityReport {
  schemaVersion: 1;
  /** ISO 8601, UTC. */
  generatedAt: string;
  /** "MDIConnectivity <module version>". */
  generatedBy: string;
  hostCount: number;
  failingHostCount: number;
  /** One line per verdict: failing verdicts first (most hosts first), Pass last. */
  summary: ReportSummaryLine[];
  /** Failing hosts first, then by name. */
  hosts: ReportHost[];
}
