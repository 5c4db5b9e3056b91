import { describe, expect, it } from 'vitest';
import { ErrorCode, MdiInputError } from '../../src/errors.js';
import { parseRequest } from '../../src/request/parse-request.js';
import { SCHEMA_VERSION } from '../../src/contract/types.js';

const V = SCHEMA_VERSION;

function failure(text: string): MdiInputError {
  try {
    parseRequest(text);
  } catch (error) {
    expect(error).toBeInstanceOf(MdiInputError);
    return error as MdiInputError;
  }
  throw new Error(`accepted: ${text}`);
}

describe('parseRequest', () => {
  it('accepts a request with nulls where PowerShell left parameters unset', () => {
    const request = parseRequest(`{"schemaVersion":${V},"command":"test","workspace":"contoso","proxyUrl":null,"resolve":null,"timeoutSec":5}`);
    expect(request).toEqual({ schemaVersion: V, command: 'test', workspace: 'contoso', timeoutSec: 5 });
  });

  it('accepts a registry snapshot with absent (null) values and base64 ones', () => {
    const text = JSON.stringify({
      schemaVersion: V,
      command: 'settings',
      registry: { values: { LocalSystem: 'RgAAAA==', LocalService: null }, proxySettingsPerUser: null, dnsSuffix: 'contoso.com' },
    });
    expect(parseRequest(text)).toMatchObject({ registry: { values: { LocalSystem: 'RgAAAA==', LocalService: null } } });
  });

  it.each([
    ['{', ErrorCode.InvalidRequest, /not valid JSON/],
    ['[]', ErrorCode.InvalidRequest, /JSON object/],
    [`{"schemaVersion":${V + 1},"command":"test"}`, ErrorCode.ContractMismatch, new RegExp(`schemaVersion ${V + 1}`)],
    [`{"schemaVersion":${V},"command":"rm"}`, ErrorCode.InvalidRequest, /Unknown command/],
    [`{"schemaVersion":${V},"command":"toString"}`, ErrorCode.InvalidRequest, /Unknown command/],
    [`{"schemaVersion":${V},"command":"test","extra":1}`, ErrorCode.InvalidRequest, /Unknown request field \/extra \(command 'test'\)/],
    [`{"schemaVersion":${V},"command":"settings","proxyPassword":"x"}`, ErrorCode.InvalidRequest, /Unknown request field \/proxyPassword \(command 'settings'\)/],
    [`{"schemaVersion":${V},"command":"test","resolve":"a:1:127.0.0.1"}`, ErrorCode.InvalidRequest, /\/resolve must be an array/],
    [`{"schemaVersion":${V},"command":"test","resolve":["a:1:127.0.0.1",7]}`, ErrorCode.InvalidRequest, /\/resolve\/1 must be a string/],
    [`{"schemaVersion":${V},"command":"test","timeoutSec":"5"}`, ErrorCode.InvalidRequest, /\/timeoutSec must be a number/],
    [`{"schemaVersion":${V},"command":"test","registry":[]}`, ErrorCode.InvalidRequest, /\/registry must be an object/],
    [`{"schemaVersion":${V},"command":"test","cloud":"Moon"}`, ErrorCode.InvalidRequest, /\/cloud must be one of Commercial, GCC, GCCHigh, DoD/],
    [`{"schemaVersion":${V},"command":"sensor-config","sensorConfigurationPath":"x"}`, ErrorCode.InvalidRequest, /\/action is required/],
    [`{"schemaVersion":${V},"command":"unified-proxy","action":"remove"}`, ErrorCode.InvalidRequest, /\/action must be one of get, set, clear/],
  ])('rejects %s', (text, code, message) => {
    const error = failure(text);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  describe('nested input the hand-written checks let through', () => {
    it('names a misspelled registry scope by its JSON path', () => {
      const error = failure(JSON.stringify({ schemaVersion: V, command: 'test', registry: { values: { LocalSytem: 'RgAAAA==' } } }));
      expect(error.code).toBe(ErrorCode.InvalidRequest);
      expect(error.message).toContain('/registry/values/LocalSytem');
      expect(error.message).toContain('LocalSystem');
    });

    it('refuses a number where a registry value (base64) belongs', () => {
      const error = failure(JSON.stringify({ schemaVersion: V, command: 'settings', registry: { values: { LocalService: 70 } } }));
      expect(error.message).toMatch(/\/registry\/values\/LocalService must be a string/);
    });

    it('refuses text that is not base64 in a registry value and in regFileBase64', () => {
      expect(failure(JSON.stringify({ schemaVersion: V, command: 'settings', registry: { values: { WinHttp: 'not base64!' } } })).message)
        .toMatch(/\/registry\/values\/WinHttp is not in the expected form \(base64\)/);
      expect(failure(JSON.stringify({ schemaVersion: V, command: 'unified-proxy', action: 'get', regFileBase64: '//4A\nWwA=' })).message)
        .toMatch(/\/regFileBase64 is not in the expected form/);
    });

    it('refuses a snapshot without its values and an unknown key beside them', () => {
      expect(failure(JSON.stringify({ schemaVersion: V, command: 'settings', registry: { proxySettingsPerUser: 0 } })).message)
        .toMatch(/\/registry\/values is required/);
      expect(failure(JSON.stringify({ schemaVersion: V, command: 'settings', registry: { values: {}, ProxySettingsPerUser: 0 } })).message)
        .toContain('/registry/ProxySettingsPerUser');
    });

    it('checks the unified sensor registry input and the root store input', () => {
      expect(failure(JSON.stringify({ schemaVersion: V, command: 'unified-proxy', action: 'get', unifiedRegistry: { telemetryProxy: 'p:8080' } })).message)
        .toContain('/unifiedRegistry/telemetryProxy');
      expect(failure(JSON.stringify({ schemaVersion: V, command: 'test', rootStoreThumbprints: 'ABCD' })).message)
        .toMatch(/\/rootStoreThumbprints must be an array/);
    });
  });

  it.each([
    `{"schemaVersion":${V},"command":"test","proxyPassword":"hunter2-secret" oops}`,
    '{"proxyPassword":"hunter2-secret",',
    'hunter2-secret',
  ])('never quotes the input of broken JSON: %s', (text) => {
    const error = failure(text);
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.message).not.toContain('hunter2');
  });

  it('does not echo a wrongly typed password or an unknown command', () => {
    expect(failure(`{"schemaVersion":${V},"command":"test","proxyPassword":12345678}`).message).toBe('Request field /proxyPassword must be a string.');
    expect(failure(`{"schemaVersion":${V},"command":"hunter2 secret!"}`).message).not.toContain('hunter2');
  });
});
