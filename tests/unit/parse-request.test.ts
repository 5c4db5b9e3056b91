import { describe, expect, it } from 'vitest';
import { ErrorCode, MdiInputError } from '../../src/errors.js';
import { parseRequest } from '../../src/request/parse-request.js';
import { SCHEMA_VERSION } from '../../src/contract/types.js';

const V = SCHEMA_VERSION;

describe('parseRequest', () => {
  it('accepts a request with nulls where PowerShell left parameters unset', () => {
    const request = parseRequest(`{"schemaVersion":${V},"command":"test","workspace":"contoso","proxyUrl":null,"resolve":null,"timeoutSec":5}`);
    expect(request).toEqual({ schemaVersion: V, command: 'test', workspace: 'contoso', timeoutSec: 5 });
  });

  it.each([
    ['{', ErrorCode.InvalidRequest, /not valid JSON/],
    ['[]', ErrorCode.InvalidRequest, /JSON object/],
    [`{"schemaVersion":${V + 1},"command":"test"}`, ErrorCode.ContractMismatch, new RegExp(`schemaVersion ${V + 1}`)],
    [`{"schemaVersion":${V},"command":"rm"}`, ErrorCode.InvalidRequest, /Unknown command/],
    [`{"schemaVersion":${V},"command":"toString"}`, ErrorCode.InvalidRequest, /Unknown command/],
    [`{"schemaVersion":${V},"command":"test","extra":1}`, ErrorCode.InvalidRequest, /Unknown request field 'extra'/],
    [`{"schemaVersion":${V},"command":"settings","proxyPassword":"x"}`, ErrorCode.InvalidRequest, /Unknown request field 'proxyPassword' for command 'settings'/],
    [`{"schemaVersion":${V},"command":"test","resolve":"a:1:127.0.0.1"}`, ErrorCode.InvalidRequest, /array of strings/],
    [`{"schemaVersion":${V},"command":"test","timeoutSec":"5"}`, ErrorCode.InvalidRequest, /number/],
    [`{"schemaVersion":${V},"command":"test","registry":[]}`, ErrorCode.InvalidRequest, /an object/],
  ])('rejects %s', (text, code, message) => {
    try {
      parseRequest(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MdiInputError);
      expect((error as MdiInputError).code).toBe(code);
      expect((error as Error).message).toMatch(message);
    }
  });

  it.each([
    `{"schemaVersion":${V},"command":"test","proxyPassword":"hunter2-secret" oops}`,
    '{"proxyPassword":"hunter2-secret",',
    'hunter2-secret',
  ])('never quotes the input of broken JSON: %s', (text) => {
    expect(() => parseRequest(text)).toThrow(/not valid JSON/);
    try {
      parseRequest(text);
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('does not echo a wrongly typed password', () => {
    expect(() => parseRequest(`{"schemaVersion":${V},"command":"test","proxyPassword":12345678}`)).toThrow(/^Field 'proxyPassword' must be a string\.$/);
  });
});
