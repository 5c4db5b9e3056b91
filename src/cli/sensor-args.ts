// argv → requests for the sensor-configuration subcommands (usage in args.ts USAGE).
// Secrets never come from argv: passwords from MDI_PROXY_PASSWORD / stdin, the
// certificate's from MDI_CERTIFICATE_PASSWORD, a command line to parse from stdin.

import {
  SCHEMA_VERSION,
  type DeployerSyntaxRequest,
  type SensorConfigAction,
  type SensorConfigRequest,
  type UnifiedProxyRequest,
} from '../contract/types.js';
import { invalidArgument } from '../errors.js';
import { USAGE, canonical, certificateInput, parse, readBytes, str, type Parsed } from './args.js';

const OUTPUT = { json: { type: 'boolean' }, verbose: { type: 'boolean' } } as const;

export interface UnifiedCommand extends Parsed<UnifiedProxyRequest> {
  out: string | null;
  backup: string | null;
  whatIf: boolean;
}

export interface DeployerCommand extends Parsed<DeployerSyntaxRequest> {
  /** The command line to parse comes on stdin. */
  readsCommandLine: boolean;
}

/** `sensor-config get|set|clear …`; the caller adds the proxy password when --proxy-user is given. */
export function parseSensorConfigArgs(argv: string[]): Parsed<SensorConfigRequest> {
  const [action, rest] = actionOf(argv, 'sensor-config');
  const v = parse(rest, {
    ...OUTPUT,
    'sensor-configuration-path': { type: 'string' },
    'proxy-url': { type: 'string' },
    'proxy-user': { type: 'string' },
    'certificate-path': { type: 'string' },
    'what-if': { type: 'boolean' },
  });
  if (v['sensor-configuration-path'] === undefined) throw invalidArgument('--sensor-configuration-path is required: SensorConfiguration.json or the folder holding it.');
  const request: SensorConfigRequest = {
    schemaVersion: SCHEMA_VERSION,
    command: 'sensor-config',
    action,
    sensorConfigurationPath: str(v['sensor-configuration-path']),
    ...certificateInput(v),
  };
  if (v['proxy-url'] !== undefined) request.proxyUrl = str(v['proxy-url']);
  if (v['proxy-user'] !== undefined) request.proxyUser = str(v['proxy-user']);
  if (v['what-if'] === true) request.whatIf = true;
  return { request, json: v.json === true, verbose: v.verbose === true };
}

export function parseDeployerArgs(argv: string[]): DeployerCommand {
  const v = parse(argv, {
    ...OUTPUT,
    parse: { type: 'boolean' },
    shell: { type: 'string' },
    'proxy-url': { type: 'string' },
    'proxy-user': { type: 'string' },
    clear: { type: 'boolean' },
    'sensor-configuration-path': { type: 'string' },
    'certificate-path': { type: 'string' },
    'reveal-password': { type: 'boolean' },
  });
  const parsing = v.parse === true;
  const request: DeployerSyntaxRequest = { schemaVersion: SCHEMA_VERSION, command: 'deployer-syntax', action: parsing ? 'parse' : 'format', ...certificateInput(v) };
  if (v.shell !== undefined) request.shell = canonical(str(v.shell), ['cmd', 'argv'] as const, '--shell');
  if (v['proxy-url'] !== undefined) request.proxyUrl = str(v['proxy-url']);
  if (v['proxy-user'] !== undefined) request.proxyUser = str(v['proxy-user']);
  if (v.clear === true) request.clear = true;
  if (v['sensor-configuration-path'] !== undefined) request.sensorConfigurationPath = str(v['sensor-configuration-path']);
  if (v['reveal-password'] === true) request.revealPassword = true;
  return { request, json: v.json === true, verbose: v.verbose === true, readsCommandLine: parsing };
}

export function parseUnifiedArgs(argv: string[]): UnifiedCommand {
  const [action, rest] = actionOf(argv, 'unified-proxy');
  const v = parse(rest, {
    ...OUTPUT,
    'reg-file': { type: 'string' },
    'proxy-url': { type: 'string' },
    'proxy-user': { type: 'string' },
    out: { type: 'string' },
    backup: { type: 'string' },
    'what-if': { type: 'boolean' },
  });
  if (v['reg-file'] === undefined) throw invalidArgument('--reg-file is required: a .reg export holding the DataCollection and Windows Defender policy keys.');
  const request: UnifiedProxyRequest = { schemaVersion: SCHEMA_VERSION, command: 'unified-proxy', action, regFileBase64: readBytes(str(v['reg-file']), 'registry export').toString('base64') };
  if (v['proxy-url'] !== undefined) request.proxyUrl = str(v['proxy-url']);
  // Passed on so the engine can say clearly that credentials are not supported here.
  if (v['proxy-user'] !== undefined) request.proxyUser = str(v['proxy-user']);
  const whatIf = v['what-if'] === true;
  if (action !== 'get' && !whatIf && v.out === undefined) throw invalidArgument('--out is required for set and clear (the .reg to import), unless --what-if.');
  return { request, json: v.json === true, verbose: v.verbose === true, out: v.out ? str(v.out) : null, backup: v.backup ? str(v.backup) : null, whatIf };
}

function actionOf(argv: string[], command: string): [SensorConfigAction, string[]] {
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) throw invalidArgument(`${command} needs an action: get, set or clear.\n${USAGE}`);
  return [canonical(first, ['get', 'set', 'clear'], command), rest];
}
