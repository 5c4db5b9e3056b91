import { SCHEMA_VERSION, type UnifiedProxyRequest, type UnifiedProxyResponse, type UnifiedProxyValues, type UnifiedValueChange } from '../contract/types.js';
import { buildRegFile, regSz, writeRegFile } from '../codecs/reg-file.js';
import { ErrorCode, MdiInputError, invalidArgument } from '../errors.js';
import { checkProxyUrl } from '../sensor-config/proxy-url.js';
import { DEFENDER_VALUE, TELEMETRY_VALUE, effectiveProxyUrl, loadUnifiedValues, valueNotes } from '../sensor-config/unified-values.js';

const ACTIONS = ['get', 'set', 'clear'] as const;

/**
 * The unified sensor's Get/Set/Clear: plans only. Like copy-settings, the engine returns
 * the values to write, a .reg restoring the current ones (written first) and a .reg
 * applying the change; the module writes the live registry, an offline admin imports.
 */
export function runUnifiedProxy(request: UnifiedProxyRequest): UnifiedProxyResponse {
  if (!(ACTIONS as readonly string[]).includes(request.action)) throw invalidArgument(`Action '${String(request.action)}' is not one of ${ACTIONS.join(', ')}.`);
  // The official command ignores credentials here; saying so beats a proxy that silently never authenticates.
  if (request.proxyUser !== undefined || request.proxyPassword !== undefined) {
    throw new MdiInputError(ErrorCode.CredentialsUnsupported,
      'The unified sensor cannot authenticate to a proxy (it has no place to store credentials; the Defender channels need anonymous access): allow its traffic through the proxy without authentication and give only the proxy URL.');
  }
  const loaded = loadUnifiedValues(request);
  if (loaded.source === 'none') throw invalidArgument('Give the current values: unifiedRegistry (live registry) or a .reg export holding the two policy keys.');
  const current = loaded.values;
  const base = { schemaVersion: SCHEMA_VERSION, command: 'unified-proxy' as const, action: request.action, source: loaded.source, current };
  if (request.action === 'get') {
    if (request.proxyUrl !== undefined) throw invalidArgument('get takes no proxy URL.');
    return { ...base, proxyUrl: effectiveProxyUrl(current), changes: [], backupRegBase64: null, importRegBase64: null, notes: valueNotes(current) };
  }
  if (request.action === 'clear' && request.proxyUrl !== undefined) throw invalidArgument('clear takes no proxy URL.');
  // As with the classic sensor, an empty URL on set clears.
  const checked = request.action === 'set' && request.proxyUrl?.trim() ? checkProxyUrl(request.proxyUrl) : null;
  const next: UnifiedProxyValues = checked
    ? { telemetryProxyServer: checked.hostPort, defenderProxyServer: `http://${checked.hostPort}` }
    : { telemetryProxyServer: null, defenderProxyServer: null };
  const changes: UnifiedValueChange[] = [
    change(TELEMETRY_VALUE, current.telemetryProxyServer, next.telemetryProxyServer),
    change(DEFENDER_VALUE, current.defenderProxyServer, next.defenderProxyServer),
  ];
  const reg = (values: UnifiedProxyValues): string =>
    Buffer.from(writeRegFile(buildRegFile([
      { path: TELEMETRY_VALUE.key, values: [{ name: TELEMETRY_VALUE.name, data: values.telemetryProxyServer === null ? null : regSz(values.telemetryProxyServer) }] },
      { path: DEFENDER_VALUE.key, values: [{ name: DEFENDER_VALUE.name, data: values.defenderProxyServer === null ? null : regSz(values.defenderProxyServer) }] },
    ]))).toString('base64');
  const notes = changes.every((item) => item.unchanged) ? ['Both values already hold this: nothing to change.'] : [];
  if (checked) notes.push('Microsoft also recommends DisableEnterpriseAuthProxy = 1 (DataCollection key) with a static proxy, so the sensor does not try to authenticate.');
  return { ...base, proxyUrl: effectiveProxyUrl(next), changes, backupRegBase64: reg(current), importRegBase64: reg(next), notes };
}

function change(where: { key: string; name: string }, current: string | null, next: string | null): UnifiedValueChange {
  return { key: where.key, name: where.name, current, new: next, unchanged: current === next };
}
