// The unified (v3) sensor's proxy (FACTS §1, §6): two policy values, read from the live
// registry by the module or from a .reg export. TelemetryProxyServer is host:port
// without a scheme (the Connected User Experiences and Telemetry format the EDR sensor
// reads); Defender's ProxyServer is written as a URL, http://host:port.

import type { UnifiedProxyRequest, UnifiedProxyValues } from '../contract/types.js';
import { DecodeError } from '../codecs/decode-error.js';
import { getTypedValue, readRegFile, type RegFile } from '../codecs/reg-file.js';
import { ErrorCode, MdiInputError } from '../errors.js';

export const TELEMETRY_VALUE = { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\DataCollection', name: 'TelemetryProxyServer' } as const;
export const DEFENDER_VALUE = { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows Defender', name: 'ProxyServer' } as const;

export interface LoadedUnifiedValues {
  source: 'registry' | 'regFile' | 'none';
  values: UnifiedProxyValues;
}

export function loadUnifiedValues(request: UnifiedProxyRequest): LoadedUnifiedValues {
  if (request.regFileBase64) {
    let file: RegFile;
    try {
      file = readRegFile(Buffer.from(request.regFileBase64, 'base64'));
    } catch (error) {
      if (error instanceof DecodeError) throw new MdiInputError(ErrorCode.RegFileInvalid, error.message);
      throw error;
    }
    return { source: 'regFile', values: { telemetryProxyServer: stringValue(file, TELEMETRY_VALUE), defenderProxyServer: stringValue(file, DEFENDER_VALUE) } };
  }
  if (request.unifiedRegistry) {
    const live = request.unifiedRegistry;
    for (const [name, value] of Object.entries(live)) {
      if (name !== 'telemetryProxyServer' && name !== 'defenderProxyServer') throw new MdiInputError(ErrorCode.InvalidRequest, `Unknown unifiedRegistry field '${name}'.`);
      if (value !== null && value !== undefined && typeof value !== 'string') throw new MdiInputError(ErrorCode.InvalidRequest, `unifiedRegistry.${name} must be a string or null.`);
    }
    return { source: 'registry', values: { telemetryProxyServer: live.telemetryProxyServer ?? null, defenderProxyServer: live.defenderProxyServer ?? null } };
  }
  return { source: 'none', values: { telemetryProxyServer: null, defenderProxyServer: null } };
}

/** The proxy the sensor's traffic takes: TelemetryProxyServer first (the EDR channel), Defender's value otherwise. */
export function effectiveProxyUrl(values: UnifiedProxyValues): string | null {
  const telemetry = values.telemetryProxyServer?.trim();
  if (telemetry) return telemetry.includes('://') ? telemetry : `http://${telemetry}`;
  const defender = values.defenderProxyServer?.trim();
  if (defender) return defender.includes('://') ? defender : `http://${defender}`;
  return null;
}

/** What is odd about the values as found: the two disagree, or a value has the other one's form. */
export function valueNotes(values: UnifiedProxyValues): string[] {
  const notes: string[] = [];
  const telemetry = values.telemetryProxyServer?.trim() || null;
  const defender = values.defenderProxyServer?.trim() || null;
  if (telemetry?.includes('://')) notes.push(`TelemetryProxyServer '${telemetry}' has a scheme; the documented form is host:port (e.g. 10.0.0.6:8080).`);
  if (telemetry && defender && hostPortOf(telemetry) !== hostPortOf(defender)) {
    notes.push(`TelemetryProxyServer (${telemetry}) and Defender's ProxyServer (${defender}) name different proxies: the sensor and the antivirus take different routes.`);
  }
  if (!telemetry && defender) notes.push('Only Defender\'s ProxyServer is set: the sensor\'s own channel (TelemetryProxyServer) has no static proxy.');
  return notes;
}

function hostPortOf(value: string): string {
  return value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '').toLowerCase();
}

function stringValue(file: RegFile, where: { key: string; name: string }): string | null {
  let typed;
  try {
    typed = getTypedValue(file, where.key, where.name);
  } catch (error) {
    if (error instanceof DecodeError) throw new MdiInputError(ErrorCode.RegFileInvalid, error.message);
    throw error;
  }
  if (typed === undefined || typed === null) return null;
  if (typed.kind !== 'sz' && typed.kind !== 'expand-sz') {
    throw new MdiInputError(ErrorCode.RegFileInvalid, `${where.key}\\${where.name} in the .reg file is ${typed.kind}, not a string (REG_SZ).`);
  }
  return typed.value;
}
