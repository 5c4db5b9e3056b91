import type { DecodedConnectionSettings, ScopeSettings, SettingsInput, SettingsScope } from '../contract/types.js';
import { decodeConnectionSettings, describeFlags, type ConnectionSettings } from '../codecs/connection-settings.js';
import { DecodeError } from '../codecs/decode-error.js';
import { getTypedValue, readRegFile, type RegFile } from '../codecs/reg-file.js';
import { decodeWinHttpSettings, describeWinHttpFlags, type WinHttpSettings } from '../codecs/winhttp-settings.js';
import { ErrorCode, MdiInputError } from '../errors.js';
import { PER_USER_POLICY, SCOPE_LOCATIONS, WINHTTP_WOW64_KEY, describeLocation, type ScopeLocation } from './scopes.js';

export interface LoadedScope {
  location: ScopeLocation;
  raw: Uint8Array | null;
  wininet: ConnectionSettings | null;
  winhttp: WinHttpSettings | null;
  error: DecodeError | null;
}

export interface LoadedSettings {
  source: 'registry' | 'regFile';
  scopes: Map<SettingsScope, LoadedScope>;
  /** ProxySettingsPerUser; 0 means every account uses the Machine scope. */
  proxySettingsPerUser: number | null;
  dnsSuffix: string | null;
}

/**
 * Reading is separate from decoding: the live registry (raw values handed over by the
 * module) and a .reg export both become raw bytes per scope, then one decoder runs.
 * A value that does not decode is reported on its scope; it does not stop the others.
 */
export function loadSettings(input: SettingsInput): LoadedSettings {
  const raws = input.regFileBase64 ? rawsFromRegFile(input.regFileBase64) : rawsFromSnapshot(input);
  const scopes = new Map<SettingsScope, LoadedScope>();
  for (const location of SCOPE_LOCATIONS) scopes.set(location.scope, decodeScope(location, raws.values.get(location.scope) ?? null));
  return {
    source: input.regFileBase64 ? 'regFile' : 'registry',
    scopes,
    proxySettingsPerUser: raws.perUser,
    dnsSuffix: input.dnsSuffix ?? input.registry?.dnsSuffix ?? null,
  };
}

interface Raws {
  values: Map<SettingsScope, Uint8Array>;
  perUser: number | null;
}

function rawsFromSnapshot(input: SettingsInput): Raws {
  const values = new Map<SettingsScope, Uint8Array>();
  for (const [scope, base64] of Object.entries(input.registry?.values ?? {})) {
    if (typeof base64 === 'string') values.set(scope as SettingsScope, Buffer.from(base64, 'base64'));
  }
  return { values, perUser: input.registry?.proxySettingsPerUser ?? null };
}

function rawsFromRegFile(base64: string): Raws {
  let file: RegFile;
  try {
    file = readRegFile(Buffer.from(base64, 'base64'));
  } catch (error) {
    if (error instanceof DecodeError) throw new MdiInputError(ErrorCode.RegFileInvalid, error.message);
    throw error;
  }
  const values = new Map<SettingsScope, Uint8Array>();
  for (const location of SCOPE_LOCATIONS) {
    const typed = binaryValue(file, location.key, location.value)
      ?? (location.scope === 'WinHttp' ? binaryValue(file, WINHTTP_WOW64_KEY, location.value) : null);
    if (typed) values.set(location.scope, typed);
  }
  const perUser = getTypedValue(file, PER_USER_POLICY.key, PER_USER_POLICY.value);
  return { values, perUser: perUser?.kind === 'dword' ? perUser.value : null };
}

function binaryValue(file: RegFile, key: string, name: string): Uint8Array | null {
  try {
    const typed = getTypedValue(file, key, name);
    return typed?.kind === 'binary' ? typed.value : null;
  } catch (error) {
    if (error instanceof DecodeError) throw new MdiInputError(ErrorCode.RegFileInvalid, error.message);
    throw error;
  }
}

function decodeScope(location: ScopeLocation, raw: Uint8Array | null): LoadedScope {
  const scope: LoadedScope = { location, raw, wininet: null, winhttp: null, error: null };
  if (!raw) return scope;
  try {
    if (location.value === 'WinHttpSettings') scope.winhttp = decodeWinHttpSettings(raw);
    else scope.wininet = decodeConnectionSettings(raw, location.value);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    scope.error = error;
  }
  return scope;
}

/** The contract's view of one scope. */
export function toScopeSettings(loaded: LoadedScope): ScopeSettings {
  return {
    scope: loaded.location.scope,
    location: describeLocation(loaded.location),
    present: loaded.raw !== null,
    settings: loaded.wininet ? toDecoded(loaded.wininet) : loaded.winhttp ? fromWinHttp(loaded.winhttp) : null,
    rawBase64: loaded.raw ? Buffer.from(loaded.raw).toString('base64') : null,
    error: loaded.error ? { code: loaded.error.code, message: loaded.error.message } : null,
  };
}

function toDecoded(settings: ConnectionSettings): DecodedConnectionSettings {
  const flags = describeFlags(settings.flags);
  return {
    version: settings.version,
    counter: settings.counter,
    flags: settings.flags,
    direct: flags.direct,
    useProxy: flags.proxy,
    useAutoConfigUrl: flags.autoProxyUrl,
    autoDetect: flags.autoDetect,
    proxyServer: settings.proxyServer,
    bypassList: settings.bypassList,
    autoConfigUrl: settings.autoConfigUrl,
    lastDetectedWpadUrl: settings.wpadUrl ?? null,
    lastDetectionTime: settings.detectionTime ?? null,
  };
}

function fromWinHttp(settings: WinHttpSettings): DecodedConnectionSettings {
  const useProxy = describeWinHttpFlags(settings.flags).proxy;
  return {
    version: settings.header,
    counter: settings.reserved,
    flags: settings.flags,
    direct: !useProxy,
    useProxy,
    useAutoConfigUrl: false,
    autoDetect: false,
    proxyServer: settings.proxyServer,
    bypassList: settings.bypassList,
    autoConfigUrl: '',
    lastDetectedWpadUrl: null,
    lastDetectionTime: null,
  };
}
