// The module's request document → a typed request. The shape (fields, types, enums, nested
// objects, base64) is checked by validators compiled at build time from the contract's JSON
// Schema (scripts/request-validators.mjs), so the types stay the only statement of the contract.
// Here only what the schema cannot say: the schema version must be this engine's, the command
// picks the validator, and PowerShell's nulls mean "not given".
import type { ErrorObject } from 'ajv';
import { SCHEMA_VERSION, type EngineRequest } from '../contract/types.js';
import { ErrorCode, MdiInputError } from '../errors.js';
import { validatorsByCommand } from './generated/request-validators.js';

/** Parses and validates one request; messages never quote values (one may be a password). */
export function parseRequest(text: string): EngineRequest {
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
      `The request has schemaVersion ${describeValue(doc.schemaVersion)}; this engine speaks ${SCHEMA_VERSION}. Rebuild the module (./build.ps1) so module and engine match.`);
  }
  const command = doc.command;
  const validate = typeof command === 'string' && Object.hasOwn(validatorsByCommand, command) ? validatorsByCommand[command] : undefined;
  if (!validate) {
    throw bad(`Unknown command ${describeValue(command)}; expected one of ${Object.keys(validatorsByCommand).join(', ')}.`);
  }
  // PowerShell's ConvertTo-Json writes $null for unset parameters: a top-level null is "not given".
  // (Nested nulls are the contract's own, e.g. an absent registry value, and the schema allows them.)
  const request = Object.fromEntries(Object.entries(doc).filter(([, field]) => field !== null));
  if (!validate(request)) throw bad(explain(validate.errors?.[0], command as string));
  return request as unknown as EngineRequest;
}

/** One sentence naming the JSON path (RFC 6901) of the first violation; never the value found there. */
function explain(error: ErrorObject | undefined, command: string): string {
  if (!error) return `The '${command}' request does not match the contract.`;
  const path = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = `${error.instancePath}/${escapePointer(String(params.additionalProperty).slice(0, 60))}`;
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `Unknown request field ${field} (command '${command}'); expected one of ${allowed.join(', ')}.`;
    }
    case 'required':
      return `Request field ${error.instancePath}/${String(params.missingProperty)} is required for command '${command}'.`;
    case 'type':
      return `Request field ${path} must be ${typeWords(params.type)}.`;
    case 'enum':
      return `Request field ${path} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}.`;
    case 'const':
      return `Request field ${path} must be ${JSON.stringify(params.allowedValue)}.`;
    case 'pattern':
      return `Request field ${path} is not in the expected form${/A-Za-z0-9\+\//.test(String(params.pattern)) ? ' (base64)' : ''}.`;
    default:
      return `Request field ${path} ${error.message ?? 'does not match the contract'}.`;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

function typeWords(type: unknown): string {
  const types = (Array.isArray(type) ? type : [type]).map((t) => TYPE_WORDS[String(t)] ?? String(t));
  return types.join(' or ');
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A short, value-free description: numbers and short identifiers only (the request may hold a password). */
function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'string' && /^[\w.-]{1,40}$/.test(value)) return JSON.stringify(value);
  return `(${Array.isArray(value) ? 'an array' : typeof value})`;
}

function bad(message: string): MdiInputError {
  return new MdiInputError(ErrorCode.InvalidRequest, message);
}
