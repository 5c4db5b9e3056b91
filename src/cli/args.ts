import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { SCHEMA_VERSION, type Cloud, type TestRequest } from '../contract/types.js';
import { invalidArgument } from '../errors.js';

export interface TestCommand {
  request: TestRequest;
  json: boolean;
  verbose: boolean;
}

export const USAGE = `Usage:
  mdi-connectivity test (--workspace <name> | --sensor-api-url <url>) [--cloud Commercial|GCC|GCCHigh|DoD]
                        [--proxy-url http://host:port] [--proxy-user 'DOMAIN\\user']
                        [--trusted-root <pem file>]... [--resolve host:port:address]...
                        [--timeout-sec N] [--json] [--verbose]
  mdi-connectivity invoke      one JSON request on stdin, one JSON answer on stdout (the PowerShell module's way)
  mdi-connectivity --version

The proxy password is read from MDI_PROXY_PASSWORD, or else from stdin; never from the command line.
Exit codes: 0 every check passed, 1 a check failed, 2 bad input, 3 internal error.`;

/** argv → request. The password is added by the caller from stdin/env, never from argv. */
export function parseTestArgs(argv: string[]): TestCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        workspace: { type: 'string' },
        cloud: { type: 'string' },
        'sensor-api-url': { type: 'string' },
        'proxy-url': { type: 'string' },
        'proxy-user': { type: 'string' },
        'trusted-root': { type: 'string', multiple: true },
        resolve: { type: 'string', multiple: true },
        'timeout-sec': { type: 'string' },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw invalidArgument(`${(error as Error).message}\n${USAGE}`);
  }
  const v = parsed.values;
  const request: TestRequest = { schemaVersion: SCHEMA_VERSION, command: 'test' };
  if (v.workspace !== undefined) request.workspace = v.workspace;
  if (v.cloud !== undefined) request.cloud = canonicalCloud(v.cloud);
  if (v['sensor-api-url'] !== undefined) request.sensorApiUrl = v['sensor-api-url'];
  if (v['proxy-url'] !== undefined) request.proxyUrl = v['proxy-url'];
  if (v['proxy-user'] !== undefined) request.proxyUser = v['proxy-user'];
  if (v['trusted-root']) request.trustedRoots = v['trusted-root'].map(readPem);
  if (v.resolve) request.resolve = v.resolve;
  if (v['timeout-sec'] !== undefined) {
    const seconds = Number(v['timeout-sec']);
    if (!Number.isFinite(seconds)) throw invalidArgument(`--timeout-sec '${v['timeout-sec']}' is not a number.`);
    request.timeoutSec = seconds;
  }
  return { request, json: v.json ?? false, verbose: v.verbose ?? false };
}

function canonicalCloud(value: string): Cloud {
  const clouds: Cloud[] = ['Commercial', 'GCC', 'GCCHigh', 'DoD'];
  const match = clouds.find((cloud) => cloud.toLowerCase() === value.toLowerCase().replace(/[\s-]/g, ''));
  if (!match) throw invalidArgument(`--cloud '${value}' is not one of ${clouds.join(', ')}.`);
  return match;
}

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw invalidArgument(`Cannot read trusted root file '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}
