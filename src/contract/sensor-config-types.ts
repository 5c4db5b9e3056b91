// Contract types for the sensor's own proxy configuration: the classic (v2) sensor's
// SensorConfiguration.json, the installer/Deployer command-line syntax, and the
// unified (v3) sensor's two registry values. Re-exported from types.ts.
import type { RequestEnvelope } from './request-envelope.js';

import type { Base64 } from './settings-types.js';

export type SensorConfigAction = 'get' | 'set' | 'clear';

/** Encoding found on disk; a rewrite keeps it (BOM included). */
export type SensorConfigEncoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom';

/** The certificate that protects (encrypts) or opens (decrypts) the proxy password. */
export interface CertificateInput {
  /** PEM text of the certificate (public part is enough to encrypt); the module sends it from LocalMachine\My on Windows. */
  certificatePem?: string;
  /** Path to a PEM (certificate, optionally with its private key) or a PFX/PKCS#12 file; the way off Windows. */
  certificatePath?: string;
  /** Password of the PFX or of an encrypted PEM key. Request JSON only (CLI: MDI_CERTIFICATE_PASSWORD), never argv. */
  certificatePassword?: string;
}

/** The official Get-MDISensorProxyConfiguration properties, camelCase. */
export interface SensorProxySettings {
  isProxyEnabled: boolean;
  isAuthenticationProxyEnabled: boolean;
  url: string | null;
  userName: string | null;
  /** EncryptedUserPasswordData.EncryptedBytes (base64 ciphertext), as the official command shows it. */
  encryptedUserPasswordData: string | null;
  /** EncryptedUserPasswordData.CertificateThumbprint: the certificate the password was encrypted for. */
  certificateThumbprint: string | null;
  secretVersion: string | number | null;
}

export interface WorkspaceEndpoint {
  address: string;
  port: number;
}

export interface SensorConfigRequest extends RequestEnvelope, CertificateInput {
  command: 'sensor-config';
  action: SensorConfigAction;
  /** SensorConfiguration.json, or the folder holding it (the sensor's install folder, or an offline copy). */
  sensorConfigurationPath: string;
  /** set: proxy URL; http:// is added when no scheme is given. Empty or absent on set = clear, as the official command does. */
  proxyUrl?: string;
  proxyUser?: string;
  proxyPassword?: string;
  /** set/clear: plan only, write nothing. */
  whatIf?: boolean;
}

export interface SensorConfigChange {
  /** Whether the file's bytes would differ. */
  changed: boolean;
  whatIf: boolean;
  written: boolean;
  /** Copy of the previous file (<name>.<stamp>.bak beside it), when written. */
  backupPath: string | null;
  /** Replaced: the value of SensorProxyConfiguration; Inserted: a new member; None: nothing to do. */
  edit: 'Replaced' | 'Inserted' | 'None';
  /** JSON text of the SensorProxyConfiguration value before and after (null: member absent). Holds ciphertext only. */
  previousText: string | null;
  newText: string | null;
  /** Byte range of the original file that is replaced; every byte outside it is kept. */
  range: { start: number; end: number };
}

/** Whether the stored password opens with the given private key. The password itself is never part of a response. */
export interface PasswordCheck {
  decrypted: boolean;
  detail: string;
}

export interface SensorConfigResponse {
  schemaVersion: number;
  command: 'sensor-config';
  action: SensorConfigAction;
  /** Absolute path of the file read (and written). */
  sourcePath: string;
  sensorType: 'Classic';
  encoding: SensorConfigEncoding;
  secretManagerCertificateThumbprint: string | null;
  workspaceEndpoint: WorkspaceEndpoint | null;
  /** https://<Address>:<Port>/tri/sensor/api/ping, from the workspace endpoint. */
  sensorApiUrl: string | null;
  /** The proxy configuration now: after set/clear (or as it would be, with whatIf); null when none. */
  proxy: SensorProxySettings | null;
  /** Before set/clear; equal to proxy for get. */
  previous: SensorProxySettings | null;
  /** null for get. */
  change: SensorConfigChange | null;
  /** get with a private key: whether the stored password decrypts. */
  passwordCheck: PasswordCheck | null;
  notes: string[];
}

export interface DeployerSyntaxRequest extends RequestEnvelope, CertificateInput {
  command: 'deployer-syntax';
  /** format: settings → command line; parse: command line → settings. */
  action: 'format' | 'parse';
  /** format from explicit values... */
  proxyUrl?: string;
  proxyUser?: string;
  proxyPassword?: string;
  /** ...or ClearProxyConfiguration... */
  clear?: boolean;
  /** ...or from a SensorConfiguration.json (password: proxyPassword, or decrypted with certificatePath). */
  sensorConfigurationPath?: string;
  /** parse: the command line or just its arguments, as typed. */
  commandLine?: string;
  /** parse: 'cmd' (default) removes cmd.exe ^ escapes first; 'argv' reads the text as the program receives it. */
  shell?: 'cmd' | 'argv';
  /** Show the password instead of ********. */
  revealPassword?: boolean;
}

export interface DeployerSyntaxResponse {
  schemaVersion: number;
  command: 'deployer-syntax';
  action: 'format' | 'parse';
  clear: boolean;
  proxyUrl: string | null;
  proxyUser: string | null;
  /** Whether a password is known (given, parsed or decrypted). */
  passwordPresent: boolean;
  passwordRevealed: boolean;
  /** Only with revealPassword. */
  proxyPassword: string | null;
  /** Arguments as the program must receive them (Windows argv quoting), password masked unless revealed. */
  arguments: string;
  /** The Deployer command to type at a cmd.exe prompt (cmd.exe escapes added where a quote in a value needs them). */
  cmdCommandLine: string;
  /** Tokens that are not proxy settings (values of Key=value tokens are never shown: AccessKey is a secret). */
  ignored: string[];
  warnings: string[];
}

/** The unified sensor's proxy values; null = absent. */
export interface UnifiedProxyValues {
  /** HKLM\SOFTWARE\Policies\Microsoft\Windows\DataCollection\TelemetryProxyServer (REG_SZ host:port, no scheme). */
  telemetryProxyServer: string | null;
  /** HKLM\SOFTWARE\Policies\Microsoft\Windows Defender\ProxyServer (REG_SZ http://host:port). */
  defenderProxyServer: string | null;
}

export interface UnifiedProxyRequest extends RequestEnvelope {
  command: 'unified-proxy';
  action: SensorConfigAction;
  /** Live values read by the module (Windows). */
  unifiedRegistry?: Partial<UnifiedProxyValues>;
  /** Or a .reg export holding the two keys (any OS). */
  regFileBase64?: Base64;
  proxyUrl?: string;
  /** Refused with MDI_PROXY_CREDENTIALS_UNSUPPORTED: the unified sensor cannot authenticate to a proxy. */
  proxyUser?: string;
  proxyPassword?: string;
}

export interface UnifiedValueChange {
  key: string;
  name: string;
  current: string | null;
  /** null: the value is deleted. */
  new: string | null;
  unchanged: boolean;
}

export interface UnifiedProxyResponse {
  schemaVersion: number;
  command: 'unified-proxy';
  action: SensorConfigAction;
  source: 'registry' | 'regFile' | 'none';
  current: UnifiedProxyValues;
  /** http://host:port the sensor uses now (get) or will use (set); null = none. */
  proxyUrl: string | null;
  /** set/clear: what each value becomes; empty for get. */
  changes: UnifiedValueChange[];
  /** set/clear: .reg (v5, UTF-16LE) restoring the current values; written before anything changes. */
  backupRegBase64: string | null;
  /** set/clear: .reg applying the change; offline, the file to import. */
  importRegBase64: string | null;
  notes: string[];
}
