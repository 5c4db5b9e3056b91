// Builds .reg exports the way an admin's `reg export` would, for route tests. The codecs that
// write them have their own golden-byte tests (tests/unit/codecs), so these fixtures are trusted.
import { encodeConnectionSettings, newConnectionSettings, type NewConnectionSettingsOptions } from '../../src/codecs/connection-settings.js';
import { buildRegFile, regBinary, regDword, regSz, writeRegFile, type RegKeyInput } from '../../src/codecs/reg-file.js';
import { TELEMETRY_VALUE } from '../../src/sensor-config/unified-values.js';
import { encodeWinHttpSettings, newWinHttpSettings } from '../../src/codecs/winhttp-settings.js';
import { PER_USER_POLICY, locationOf } from '../../src/settings/scopes.js';

export interface RegFixture {
  CurrentUser?: NewConnectionSettingsOptions;
  LocalService?: NewConnectionSettingsOptions;
  LocalSystem?: NewConnectionSettingsOptions;
  Machine?: NewConnectionSettingsOptions;
  WinHttp?: { proxyServer?: string; bypassList?: string };
  proxySettingsPerUser?: number;
  /** The unified sensor's named proxy (DataCollection policy, REG_SZ host:port). */
  telemetryProxyServer?: string;
}

export function regExport(fixture: RegFixture): Uint8Array {
  const keys: RegKeyInput[] = [];
  for (const scope of ['CurrentUser', 'LocalService', 'LocalSystem', 'Machine'] as const) {
    const options = fixture[scope];
    if (!options) continue;
    const location = locationOf(scope);
    keys.push({ path: location.key, values: [{ name: location.value, data: regBinary(encodeConnectionSettings(newConnectionSettings(options))) }] });
  }
  if (fixture.WinHttp) {
    const location = locationOf('WinHttp');
    keys.push({ path: location.key, values: [{ name: location.value, data: regBinary(encodeWinHttpSettings(newWinHttpSettings(fixture.WinHttp))) }] });
  }
  if (fixture.proxySettingsPerUser !== undefined) {
    keys.push({ path: PER_USER_POLICY.key, values: [{ name: PER_USER_POLICY.value, data: regDword(fixture.proxySettingsPerUser) }] });
  }
  if (fixture.telemetryProxyServer !== undefined) {
    keys.push({ path: TELEMETRY_VALUE.key, values: [{ name: TELEMETRY_VALUE.name, data: regSz(fixture.telemetryProxyServer) }] });
  }
  return writeRegFile(buildRegFile(keys));
}

export function regExportBase64(fixture: RegFixture): string {
  return Buffer.from(regExport(fixture)).toString('base64');
}

/** host:port of an http://host:port URL, as a WinINet ProxyServer value. */
export function hostPort(url: string): string {
  return new URL(url).host;
}
