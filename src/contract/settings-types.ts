// Contract types for the proxy settings the sensor's accounts really use
// (WinINet per account, machine-wide policy, WinHTTP) and the routes they lead to.
import type { RequestEnvelope } from './request-envelope.js';

/** Where proxy settings live. The sensor runs as LocalService, its updater as LocalSystem. */
export type SettingsScope = 'CurrentUser' | 'LocalSystem' | 'LocalService' | 'DefaultUser' | 'Machine' | 'WinHttp';

/** Which route a check went through, and why it was chosen. SensorConfiguration: the classic sensor's SensorConfiguration.json. */
export type ProxySource = 'Auto' | 'Parameter' | 'SensorConfiguration' | 'LocalService' | 'LocalSystem' | 'WinHttp' | 'Pac' | 'Direct';

/**
 * Base64 text as [Convert]::ToBase64String writes it: standard alphabet, no line breaks.
 * (The length rule is left to the decoder: a stricter pattern overflows the regex engine's stack on a 30 MB value.)
 * @pattern ^[A-Za-z0-9+/]*={0,2}$
 */
export type Base64 = string;

/** Raw registry values as the module read them from the live registry (base64 of the REG_BINARY; null = absent). */
export interface RegistrySnapshot {
  values: Partial<Record<SettingsScope, Base64 | null>>;
  /** HKLM\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings\ProxySettingsPerUser; null = absent. */
  proxySettingsPerUser?: number | null;
  /** Machine's primary DNS suffix, for WPAD. */
  dnsSuffix?: string | null;
}

/** Where the settings come from: the live registry (Windows, via the module) or a .reg export (any OS). */
export interface SettingsInput {
  registry?: RegistrySnapshot;
  /** Bytes of a .reg file, base64 (the module reads files; the CLI reads --reg-file itself). */
  regFileBase64?: Base64;
  /** DNS suffix for WPAD when the snapshot has none. */
  dnsSuffix?: string;
  /** curl-style overrides host:port:address, used for the probe and for WPAD/PAC name lookups. */
  resolve?: string[];
  /** Port for WPAD fetches (http://wpad.<suffix>:<port>/wpad.dat); 80 unless a test says otherwise. */
  wpadPort?: number;
}

export interface DecodedConnectionSettings {
  version: number;
  counter: number;
  flags: number;
  direct: boolean;
  useProxy: boolean;
  useAutoConfigUrl: boolean;
  autoDetect: boolean;
  proxyServer: string;
  bypassList: string;
  autoConfigUrl: string;
  /** Trailing fields, when the blob has them. */
  lastDetectedWpadUrl: string | null;
  lastDetectionTime: string | null;
}

export interface ScopeSettings {
  scope: SettingsScope;
  /** Registry key and value the settings were read from. */
  location: string;
  present: boolean;
  settings: DecodedConnectionSettings | null;
  /** Raw value, base64, so a later step can copy it byte for byte. */
  rawBase64: string | null;
  /** Why the value could not be decoded, if it could not. */
  error: { code: string; message: string } | null;
}

export interface RouteChoice {
  /** Whose route this is. */
  account: 'CurrentUser' | 'LocalService' | 'LocalSystem' | 'WinHttp';
  /** Scope whose settings decided it (Machine when ProxySettingsPerUser = 0). */
  scope: SettingsScope;
  source: 'Manual' | 'Pac' | 'Wpad' | 'Direct';
  /** http://host:port of the proxy, or null for direct. */
  proxyUrl: string | null;
  /** One line: why this route. */
  reason: string;
  /** Each step of the decision, in order (WPAD tried, PAC evaluated, bypass matched...). */
  steps: string[];
}

export interface SettingsRequest extends RequestEnvelope, SettingsInput {
  command: 'settings';
  /** URL the routes are computed for (default: the sensor API URL of workspace/cloud, or a neutral one). */
  url?: string;
  workspace?: string;
  cloud?: 'Commercial' | 'GCC' | 'GCCHigh' | 'DoD';
  timeoutSec?: number;
}

export interface SettingsResponse {
  schemaVersion: number;
  command: 'settings';
  source: 'registry' | 'regFile';
  url: string;
  scopes: ScopeSettings[];
  /** Whether ProxySettingsPerUser = 0 makes every account use the machine-wide settings. */
  machineWide: boolean;
  routes: RouteChoice[];
  /** Plain sentences: where the service accounts differ from the current user, and what that means. */
  differences: string[];
}

export interface CopySettingsRequest extends RequestEnvelope, SettingsInput {
  command: 'copy-settings';
  to: ('LocalSystem' | 'LocalService')[];
  from?: 'CurrentUser';
}

export interface CopySettingsResponse {
  schemaVersion: number;
  command: 'copy-settings';
  /** What each target has now and will get. */
  targets: { scope: SettingsScope; location: string; currentBase64: string | null; newBase64: string; unchanged: boolean }[];
  /** .reg (Windows Registry Editor 5.00, UTF-16LE) restoring what the targets have now; base64. Written before anything changes. */
  backupRegBase64: string;
  /** .reg that sets the targets to the source's value; base64. Offline, this is the file to import. */
  importRegBase64: string;
}
