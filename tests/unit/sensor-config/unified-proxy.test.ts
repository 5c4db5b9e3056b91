// The unified sensor's two policy values: read from a .reg export or the live snapshot,
// planned as values + backup .reg + import .reg, and both .reg files read back by our
// own reader to the values they promise.
import { describe, expect, it } from 'vitest';
import type { UnifiedProxyRequest } from '../../../src/contract/types.js';
import { runUnifiedProxy } from '../../../src/commands/unified-proxy.js';
import { buildRegFile, getTypedValue, readRegFile, regDword, regSz, writeRegFile, type RegKeyInput } from '../../../src/codecs/reg-file.js';
import { ErrorCode } from '../../../src/errors.js';
import { DEFENDER_VALUE, TELEMETRY_VALUE } from '../../../src/sensor-config/unified-values.js';

const TELEMETRY_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\DataCollection';
const DEFENDER_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows Defender';

function regExport(telemetry: string | null, defender: string | null): string {
  const keys: RegKeyInput[] = [
    { path: TELEMETRY_KEY, values: [{ name: 'DisableEnterpriseAuthProxy', data: regDword(1) }, ...(telemetry === null ? [] : [{ name: 'TelemetryProxyServer', data: regSz(telemetry) }])] },
    { path: DEFENDER_KEY, values: defender === null ? [] : [{ name: 'ProxyServer', data: regSz(defender) }] },
  ];
  return Buffer.from(writeRegFile(buildRegFile(keys))).toString('base64');
}

const run = (request: Omit<UnifiedProxyRequest, 'schemaVersion' | 'command'>) => runUnifiedProxy({ schemaVersion: 2, command: 'unified-proxy', ...request });

/** What importing `base64` leaves in each value: a string, null (deleted) or undefined (not mentioned). */
function imported(base64: string) {
  const file = readRegFile(Buffer.from(base64, 'base64'));
  const value = (where: { key: string; name: string }) => {
    const typed = getTypedValue(file, where.key, where.name);
    return typed === null || typed === undefined ? typed : typed.value;
  };
  return { telemetry: value(TELEMETRY_VALUE), defender: value(DEFENDER_VALUE) };
}

describe('unified-proxy', () => {
  it('get: reads both values from a regedit export and names the proxy in use', () => {
    const answer = run({ action: 'get', regFileBase64: regExport('10.0.0.6:8080', 'http://10.0.0.6:8080') });
    expect(answer).toMatchObject({ source: 'regFile', current: { telemetryProxyServer: '10.0.0.6:8080', defenderProxyServer: 'http://10.0.0.6:8080' }, proxyUrl: 'http://10.0.0.6:8080', changes: [], notes: [] });
  });

  it('get: points out values that disagree or have the wrong form', () => {
    const answer = run({ action: 'get', unifiedRegistry: { telemetryProxyServer: 'http://a:1', defenderProxyServer: 'http://b:2' } });
    expect(answer.source).toBe('registry');
    expect(answer.notes.join(' ')).toMatch(/has a scheme/);
    expect(answer.notes.join(' ')).toMatch(/different proxies/);
  });

  it('set: host:port without scheme for TelemetryProxyServer, a URL for Defender; backup restores, import applies', () => {
    const answer = run({ action: 'set', regFileBase64: regExport('old:3128', null), proxyUrl: 'proxy.contoso.com:8080' });
    expect(answer.changes).toEqual([
      { key: TELEMETRY_KEY, name: 'TelemetryProxyServer', current: 'old:3128', new: 'proxy.contoso.com:8080', unchanged: false },
      { key: DEFENDER_KEY, name: 'ProxyServer', current: null, new: 'http://proxy.contoso.com:8080', unchanged: false },
    ]);
    expect(answer.proxyUrl).toBe('http://proxy.contoso.com:8080');
    expect(imported(answer.importRegBase64!)).toEqual({ telemetry: 'proxy.contoso.com:8080', defender: 'http://proxy.contoso.com:8080' });
    // The backup deletes what did not exist, so importing it really restores the old state.
    expect(imported(answer.backupRegBase64!)).toEqual({ telemetry: 'old:3128', defender: null });
    expect(Buffer.from(answer.importRegBase64!, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
  });

  it('clear deletes both; a port-less URL gets :80 spelled out', () => {
    const cleared = run({ action: 'clear', unifiedRegistry: { telemetryProxyServer: 'p:1', defenderProxyServer: null } });
    expect(imported(cleared.importRegBase64!)).toEqual({ telemetry: null, defender: null });
    expect(cleared.proxyUrl).toBeNull();
    const set = run({ action: 'set', unifiedRegistry: {}, proxyUrl: 'http://[fd00::6]' });
    expect(set.changes.map((c) => c.new)).toEqual(['[fd00::6]:80', 'http://[fd00::6]:80']);
  });

  it.each([
    [{ action: 'set' as const, unifiedRegistry: {}, proxyUrl: 'http://p:1', proxyUser: 'u' }, ErrorCode.CredentialsUnsupported, /cannot authenticate to a proxy/],
    [{ action: 'set' as const, unifiedRegistry: {}, proxyUrl: 'http://p:1', proxyPassword: 'x' }, ErrorCode.CredentialsUnsupported, /without authentication/],
    [{ action: 'get' as const }, ErrorCode.InvalidArgument, /Give the current values/],
    [{ action: 'set' as const, unifiedRegistry: {}, proxyUrl: 'https://p:1' }, ErrorCode.ProxyUrlInvalid, /over http/],
    [{ action: 'get' as const, unifiedRegistry: { telemetryProxyServer: 5 as unknown as string } }, ErrorCode.InvalidRequest, /string or null/],
    [{ action: 'get' as const, regFileBase64: Buffer.from('REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\DataCollection]\r\n"TelemetryProxyServer"=dword:00000001\r\n', 'latin1').toString('base64') }, ErrorCode.RegFileInvalid, /not a string/],
  ])('refuses %j', (request, code, message) => {
    expect(() => run(request)).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });
});
