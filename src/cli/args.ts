import { parseArgs } from 'node:util';
import {
  SCHEMA_VERSION,
  type CertificateInput,
  type Cloud,
  type CopySettingsRequest,
  type ProxySource,
  type SettingsInput,
  type SettingsRequest,
  type TestRequest,
} from '../contract/types.js';
import { MdiInputError, invalidArgument } from '../errors.js';
import { MiB, readFileBounded, readTextFileBounded } from '../io/bounded-read.js';

export interface Parsed<T> {
  request: T;
  json: boolean;
  verbose: boolean;
}

export interface CopyCommand extends Parsed<CopySettingsRequest> {
  out: string;
  backup: string | null;
  whatIf: boolean;
}

export const USAGE = `Usage:
  mdi-connectivity test (--workspace <name> | --sensor-api-url <url>) [--cloud Commercial|GCC|GCCHigh|DoD]
                        [--proxy-url http://host:port] [--proxy-user 'DOMAIN\\user']
                        [--proxy-source Auto|Parameter|SensorConfiguration|LocalService|LocalSystem|WinHttp|Pac|Direct]
                        [--sensor-configuration-path <SensorConfiguration.json|folder>] [--certificate-path <pfx|pem>]
                        [--reg-file <export.reg>] [--pac-url <file|url>] [--dns-suffix <suffix>]
                        [--trusted-root <pem file>]... [--resolve host:port:address]...
                        [--no-allowlist] [--include-legacy] [--root-store <pem bundle>] [--max-connections N]
                        [--timeout-sec N] [--json] [--verbose]
  mdi-connectivity mde-test --region US|EU|UK|AU|UAE|GCC|GCCHigh|DoD [--streamlined] [--proxy-url http://host:port]
                        [--reg-file <export.reg>] [--dns-suffix <suffix>] [--trusted-root <pem file>]...
                        [--resolve host:port:address]... [--max-connections N] [--timeout-sec N]
                        [--analyzer-text] [--json] [--verbose]
  mdi-connectivity settings --reg-file <export.reg> [--workspace <name> | --url <url>] [--dns-suffix <suffix>] [--json]
  mdi-connectivity copy-settings --reg-file <export.reg> --to LocalSystem,LocalService --out <import.reg>
                        [--backup <backup.reg>] [--what-if] [--json]
  mdi-connectivity sensor-config get   --sensor-configuration-path <file|folder> [--certificate-path <pfx|pem>] [--json]
  mdi-connectivity sensor-config set   --sensor-configuration-path <file|folder> --proxy-url <http://host:port>
                        [--proxy-user 'DOMAIN\\user' --certificate-path <pem|der|pfx>] [--what-if] [--json]
  mdi-connectivity sensor-config clear --sensor-configuration-path <file|folder> [--what-if] [--json]
  mdi-connectivity deployer-syntax (--proxy-url <url> [--proxy-user <user>] | --clear
                        | --sensor-configuration-path <file|folder> [--certificate-path <pfx|pem>]) [--reveal-password] [--json]
  mdi-connectivity deployer-syntax --parse [--shell cmd|argv] [--reveal-password] [--json]   (command line on stdin)
  mdi-connectivity unified-proxy get|set|clear --reg-file <export.reg> [--proxy-url <url>]
                        [--out <import.reg> [--backup <backup.reg>]] [--what-if] [--json]
  mdi-connectivity catalog [--service MDI] [--cloud Commercial|GCC|GCCHigh|DoD] [--workspace <name>] [--include-legacy]
                        [--format table|list] [--json]
  mdi-connectivity catalog --service MDE --region US|EU|UK|AU|UAE|GCC|GCCHigh|DoD [--streamlined] [--format table|list] [--json]
  mdi-connectivity service-tags --file <ServiceTags_*.json> [--service MDI|MDE] [--workspace <name>] [--cloud ...]
                        [--region ...] [--streamlined] [--host <name>]... [--firewall <file>|-]
                        [--resolve host:port:address]... [--timeout-sec N] [--json] [--verbose]
  mdi-connectivity invoke      one JSON request on stdin, one JSON answer on stdout (the PowerShell module's way)
  mdi-connectivity --version

The proxy password is read from MDI_PROXY_PASSWORD, or else from stdin; never from the command line.
A PFX or encrypted PEM key password is read from MDI_CERTIFICATE_PASSWORD.
Exit codes: 0 every check passed, 1 a check failed, 2 bad input, 3 internal error.`;

/** One subcommand's lines of USAGE (with the notes below them), or undefined for an unknown name. */
export function usageOf(command: string): string | undefined {
  const [synopsis = '', notes = ''] = USAGE.split('\n\n');
  const blocks: string[] = [];
  for (const line of synopsis.split('\n').slice(1)) {
    if (line.startsWith('  mdi-connectivity ')) blocks.push(line);
    else if (blocks.length > 0) blocks[blocks.length - 1] += `\n${line}`;
  }
  const own = blocks.filter((block) => block.split(/\s+/)[2] === command);
  return own.length > 0 ? `Usage:\n${own.join('\n')}\n\n${notes}` : undefined;
}

export const COMMON = {
  'reg-file': { type: 'string' },
  'dns-suffix': { type: 'string' },
  'wpad-port': { type: 'string' },
  resolve: { type: 'string', multiple: true },
  'timeout-sec': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
} as const;

export type Values = Record<string, string | boolean | string[] | undefined>;

export function parse(argv: string[], options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>): Values {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values as Values;
  } catch (error) {
    throw invalidArgument(`${(error as Error).message}\n${USAGE}`);
  }
}

/** argv → request. The password is added by the caller from stdin/env, never from argv. */
export function parseTestArgs(argv: string[]): Parsed<TestRequest> {
  const v = parse(argv, {
    ...COMMON,
    workspace: { type: 'string' },
    cloud: { type: 'string' },
    'sensor-api-url': { type: 'string' },
    'proxy-url': { type: 'string' },
    'proxy-user': { type: 'string' },
    'proxy-source': { type: 'string' },
    'pac-url': { type: 'string' },
    'trusted-root': { type: 'string', multiple: true },
    'sensor-configuration-path': { type: 'string' },
    'certificate-path': { type: 'string' },
    'no-allowlist': { type: 'boolean' },
    'include-legacy': { type: 'boolean' },
    'max-connections': { type: 'string' },
    'root-store': { type: 'string' },
  });
  const request: TestRequest = { schemaVersion: SCHEMA_VERSION, command: 'test', ...settingsInput(v) };
  if (v.workspace !== undefined) request.workspace = str(v.workspace);
  if (v.cloud !== undefined) request.cloud = canonical(str(v.cloud), ['Commercial', 'GCC', 'GCCHigh', 'DoD'], '--cloud') as Cloud;
  if (v['sensor-api-url'] !== undefined) request.sensorApiUrl = str(v['sensor-api-url']);
  if (v['proxy-url'] !== undefined) request.proxyUrl = str(v['proxy-url']);
  if (v['proxy-user'] !== undefined) request.proxyUser = str(v['proxy-user']);
  if (v['proxy-source'] !== undefined) {
    const sources: ProxySource[] = ['Auto', 'Parameter', 'SensorConfiguration', 'LocalService', 'LocalSystem', 'WinHttp', 'Pac', 'Direct'];
    request.proxySource = canonical(str(v['proxy-source']), sources, '--proxy-source') as ProxySource;
  }
  if (v['pac-url'] !== undefined) request.pacUrl = str(v['pac-url']);
  if (v['sensor-configuration-path'] !== undefined) request.sensorConfigurationPath = str(v['sensor-configuration-path']);
  Object.assign(request, certificateInput(v));
  if (v['trusted-root']) request.trustedRoots = (v['trusted-root'] as string[]).map((path) => readText(path, 'trusted root'));
  if (v['no-allowlist'] === true) request.allowlist = false;
  if (v['include-legacy'] === true) request.includeLegacy = true;
  if (v['max-connections'] !== undefined) request.maxConnectionsPerProxy = number(v['max-connections'], '--max-connections');
  if (v['root-store'] !== undefined) {
    request.rootStorePem = readText(str(v['root-store']), 'root store');
    request.rootStoreLabel = str(v['root-store']);
  }
  return { request, json: v.json === true, verbose: v.verbose === true };
}

export function parseSettingsArgs(argv: string[]): Parsed<SettingsRequest> {
  const v = parse(argv, { ...COMMON, workspace: { type: 'string' }, url: { type: 'string' } });
  const request: SettingsRequest = { schemaVersion: SCHEMA_VERSION, command: 'settings', ...settingsInput(v) };
  if (v.workspace !== undefined) request.workspace = str(v.workspace);
  if (v.url !== undefined) request.url = str(v.url);
  return { request, json: v.json === true, verbose: v.verbose === true };
}

export function parseCopyArgs(argv: string[]): CopyCommand {
  const v = parse(argv, { ...COMMON, to: { type: 'string' }, out: { type: 'string' }, backup: { type: 'string' }, 'what-if': { type: 'boolean' } });
  if (!v.to) throw invalidArgument('--to is required: LocalSystem, LocalService or both (comma-separated).');
  if (!v.out) throw invalidArgument('--out is required: the .reg file to write for import.');
  const to = str(v.to).split(',').map((scope) => canonical(scope.trim(), ['LocalSystem', 'LocalService'], '--to')) as CopySettingsRequest['to'];
  const request: CopySettingsRequest = { schemaVersion: SCHEMA_VERSION, command: 'copy-settings', to, ...settingsInput(v) };
  return { request, json: v.json === true, verbose: v.verbose === true, out: str(v.out), backup: v.backup ? str(v.backup) : null, whatIf: v['what-if'] === true };
}

export function settingsInput(v: Values): SettingsInput & { timeoutSec?: number } {
  const input: SettingsInput & { timeoutSec?: number } = {};
  if (v['reg-file'] !== undefined) input.regFileBase64 = readBytes(str(v['reg-file']), 'registry export').toString('base64');
  if (v['dns-suffix'] !== undefined) input.dnsSuffix = str(v['dns-suffix']);
  if (v['wpad-port'] !== undefined) input.wpadPort = number(v['wpad-port'], '--wpad-port');
  if (v.resolve) input.resolve = v.resolve as string[];
  if (v['timeout-sec'] !== undefined) input.timeoutSec = number(v['timeout-sec'], '--timeout-sec');
  return input;
}

/** --certificate-path, with the PFX/key password from MDI_CERTIFICATE_PASSWORD (never argv). */
export function certificateInput(v: Values): CertificateInput {
  const input: CertificateInput = {};
  if (v['certificate-path'] !== undefined) input.certificatePath = str(v['certificate-path']);
  const password = process.env.MDI_CERTIFICATE_PASSWORD;
  delete process.env.MDI_CERTIFICATE_PASSWORD;
  if (input.certificatePath && password !== undefined) input.certificatePassword = password;
  return input;
}

export function str(value: unknown): string {
  return String(value);
}

export function number(value: unknown, flag: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw invalidArgument(`${flag} '${String(value)}' is not a number.`);
  return parsed;
}

export function canonical<T extends string>(value: string, allowed: T[], flag: string): T {
  const match = allowed.find((item) => item.toLowerCase() === value.toLowerCase().replace(/[\s-]/g, ''));
  if (!match) throw invalidArgument(`${flag} '${value}' is not one of ${allowed.join(', ')}.`);
  return match;
}

/** Size caps of the files the CLI reads: far above any real one, far below what would hurt. */
export const FILE_LIMITS = {
  /** A .reg export of the Internet Settings keys is a few KB; a whole-hive export is not what we read. */
  'registry export': 16 * MiB,
  'trusted root': 4 * MiB,
  'root store': 8 * MiB,
  /** The public ServiceTags_*.json is ~5 MB; the request that carries it is capped at 32 MiB. */
  'service tags': 24 * MiB,
  'firewall list': 8 * MiB,
} as const;

export type FileKind = keyof typeof FILE_LIMITS;

export function readBytes(path: string, what: FileKind): Buffer {
  return readCapped(() => readFileBounded(path, FILE_LIMITS[what], `${what} file`), path, what);
}

/** Text by its byte-order mark: UTF-8 (BOM or not) or UTF-16 with BOM, as Windows tools save it. */
export function readText(path: string, what: FileKind): string {
  return readCapped(() => readTextFileBounded(path, FILE_LIMITS[what], `${what} file`), path, what);
}

function readCapped<T>(read: () => T, path: string, what: FileKind): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MdiInputError) throw error;
    throw invalidArgument(`Cannot read ${what} file '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}
