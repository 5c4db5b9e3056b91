import { SCHEMA_VERSION, type EngineRequest } from '../contract/types.js';
import { ErrorCode, MdiInputError } from '../errors.js';

type FieldKind = 'string' | 'number' | 'boolean' | 'strings' | 'object';

const COMMON: Record<string, FieldKind> = {
  registry: 'object',
  regFileBase64: 'string',
  dnsSuffix: 'string',
  resolve: 'strings',
  wpadPort: 'number',
  timeoutSec: 'number',
};

const CERTIFICATE: Record<string, FieldKind> = {
  certificatePem: 'string',
  certificatePath: 'string',
  certificatePassword: 'string',
};

const ROOT_STORE: Record<string, FieldKind> = {
  rootStoreThumbprints: 'strings',
  rootStorePem: 'string',
  rootStoreLabel: 'string',
};

/** Fields each command accepts; anything else is refused so typos are not silently ignored. */
const FIELDS: Record<EngineRequest['command'], Record<string, FieldKind>> = {
  test: {
    ...COMMON,
    workspace: 'string',
    cloud: 'string',
    sensorApiUrl: 'string',
    proxyUrl: 'string',
    proxyUser: 'string',
    proxyPassword: 'string',
    trustedRoots: 'strings',
    proxySource: 'string',
    pacUrl: 'string',
    sensorConfigurationPath: 'string',
    ...CERTIFICATE,
    ...ROOT_STORE,
    allowlist: 'boolean',
    includeLegacy: 'boolean',
    maxConnectionsPerProxy: 'number',
  },
  settings: { ...COMMON, url: 'string', workspace: 'string', cloud: 'string' },
  'copy-settings': { ...COMMON, to: 'strings', from: 'string' },
  'sensor-config': {
    action: 'string',
    sensorConfigurationPath: 'string',
    proxyUrl: 'string',
    proxyUser: 'string',
    proxyPassword: 'string',
    whatIf: 'boolean',
    ...CERTIFICATE,
  },
  'deployer-syntax': {
    action: 'string',
    proxyUrl: 'string',
    proxyUser: 'string',
    proxyPassword: 'string',
    clear: 'boolean',
    sensorConfigurationPath: 'string',
    commandLine: 'string',
    shell: 'string',
    revealPassword: 'boolean',
    ...CERTIFICATE,
  },
  'unified-proxy': {
    action: 'string',
    unifiedRegistry: 'object',
    regFileBase64: 'string',
    proxyUrl: 'string',
    proxyUser: 'string',
    proxyPassword: 'string',
  },
  catalog: { service: 'string', cloud: 'string', region: 'string', streamlined: 'boolean', workspace: 'string', includeLegacy: 'boolean' },
  'mde-test': {
    ...COMMON,
    region: 'string',
    streamlined: 'boolean',
    proxyUrl: 'string',
    unifiedRegistry: 'object',
    trustedRoots: 'strings',
    maxConnectionsPerProxy: 'number',
  },
  'service-tags': {
    serviceTagsJson: 'string',
    serviceTagsFileName: 'string',
    service: 'string',
    cloud: 'string',
    workspace: 'string',
    region: 'string',
    streamlined: 'boolean',
    hosts: 'strings',
    firewallRanges: 'strings',
    resolve: 'strings',
    timeoutSec: 'number',
  },
};

/** Commands whose action field is required. */
const NEEDS_ACTION = new Set(['sensor-config', 'deployer-syntax', 'unified-proxy']);

/** Checks the module's request document field by field; messages never quote values (one may be a password). */
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
      `The request has schemaVersion ${JSON.stringify(doc.schemaVersion)}; this engine speaks ${SCHEMA_VERSION}. Rebuild the module (./build.ps1) so module and engine match.`);
  }
  const command = doc.command;
  if (typeof command !== 'string' || !Object.hasOwn(FIELDS, command)) {
    throw bad(`Unknown command ${JSON.stringify(command)}; expected one of ${Object.keys(FIELDS).join(', ')}.`);
  }
  const fields = FIELDS[command as EngineRequest['command']];
  const frontEnd = doc.frontEnd ?? undefined;
  if (frontEnd !== undefined && frontEnd !== 'PowerShell' && frontEnd !== 'CLI') throw bad("Field 'frontEnd' must be 'PowerShell' or 'CLI'.");
  // PowerShell's ConvertTo-Json writes $null for unset parameters: treat null as absent.
  const request: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(doc)) {
    if (key === 'schemaVersion' || key === 'command' || key === 'frontEnd') continue;
    const kind = fields[key];
    if (!kind) throw bad(`Unknown request field '${key}' for command '${command}'.`);
    if (field === null) continue;
    if (!hasKind(field, kind)) throw bad(`Field '${key}' must be ${KIND_WORDS[kind]}.`);
    request[key] = field;
  }
  if (NEEDS_ACTION.has(command) && typeof request.action !== 'string') throw bad(`Command '${command}' needs an 'action' field.`);
  return { schemaVersion: SCHEMA_VERSION, command, ...(frontEnd ? { frontEnd } : {}), ...request } as EngineRequest;
}

const KIND_WORDS: Record<FieldKind, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  strings: 'an array of strings',
  object: 'an object',
};

function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
  }
}

function bad(message: string): MdiInputError {
  return new MdiInputError(ErrorCode.InvalidRequest, message);
}
