import { SCHEMA_VERSION, type TestRequest } from '../contract/types.js';
import { ErrorCode, MdiInputError } from '../errors.js';

const STRING_FIELDS = ['workspace', 'cloud', 'sensorApiUrl', 'proxyUrl', 'proxyUser', 'proxyPassword'] as const;
const LIST_FIELDS = ['trustedRoots', 'resolve'] as const;
const KNOWN = new Set<string>(['schemaVersion', 'command', 'timeoutSec', ...STRING_FIELDS, ...LIST_FIELDS]);

/** Checks the module's request document field by field; messages never quote values (one may be a password). */
export function parseRequest(text: string): TestRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's message may quote the input, and the input holds the password: keep only the position.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw bad(`The request is not valid JSON${position ? ` (error at character ${position})` : ''}.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad('The request must be a JSON object.');
  const doc = value as Record<string, unknown>;
  if (doc.schemaVersion !== SCHEMA_VERSION) {
    throw new MdiInputError(ErrorCode.ContractMismatch,
      `The request has schemaVersion ${JSON.stringify(doc.schemaVersion)}; this engine speaks ${SCHEMA_VERSION}. Rebuild the module (./build.ps1) so module and engine match.`);
  }
  if (doc.command !== 'test') throw bad(`Unknown command ${JSON.stringify(doc.command)}; expected "test".`);
  for (const key of Object.keys(doc)) if (!KNOWN.has(key)) throw bad(`Unknown request field '${key}'.`);
  for (const key of STRING_FIELDS) {
    if (doc[key] !== undefined && doc[key] !== null && typeof doc[key] !== 'string') throw bad(`Field '${key}' must be a string.`);
  }
  for (const key of LIST_FIELDS) {
    const list = doc[key];
    if (list !== undefined && list !== null && !(Array.isArray(list) && list.every((item) => typeof item === 'string'))) {
      throw bad(`Field '${key}' must be an array of strings.`);
    }
  }
  if (doc.timeoutSec !== undefined && doc.timeoutSec !== null && typeof doc.timeoutSec !== 'number') throw bad("Field 'timeoutSec' must be a number.");
  // PowerShell's ConvertTo-Json writes $null for unset parameters: treat null as absent.
  const request: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(doc)) if (field !== null) request[key] = field;
  return request as unknown as TestRequest;
}

function bad(message: string): MdiInputError {
  return new MdiInputError(ErrorCode.InvalidRequest, message);
}
