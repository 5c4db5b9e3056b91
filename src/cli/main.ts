import { SCHEMA_VERSION, type EngineRequest, type EngineResponse, type ErrorResponse } from '../contract/types.js';
import { ErrorCode, ExitCode, MdiInputError } from '../errors.js';
import type { PhaseLog } from '../probe/phases.js';
import { ENGINE_VERSION } from '../version.js';
import { DEFAULT_TIMEOUT_SEC } from '../request/probe-options.js';
import { USAGE, parseCopyArgs, parseSettingsArgs, parseTestArgs, usageOf, type Parsed } from './args.js';
import { renderCopy, renderSettings, renderTest } from './render.js';
import { writeRestoreThenImport } from '../commands/reg-output.js';
import { readStdin } from './stdin.js';
import { withFrontEnd } from '../front-end.js';
import { runCopySettings } from '../commands/copy-settings.js';
import * as catalogCli from './catalog-cli.js';
import * as mdeTestCli from './mde-test-cli.js';
import * as serviceTagsCli from './service-tags-cli.js';
import { runTest } from '../commands/connectivity-check.js';
import { runSettings } from '../commands/settings.js';
import { runSensorConfig } from '../commands/sensor-config.js';
import { runDeployerSyntax } from '../commands/deployer-syntax.js';
import { runUnifiedProxy } from '../commands/unified-proxy.js';
import { runCatalog } from '../catalog/select.js';
import { runMdeTest } from '../commands/mde-test.js';
import { runServiceTags } from '../commands/service-tags.js';
import { parseDeployerArgs, parseSensorConfigArgs, parseUnifiedArgs } from './sensor-args.js';
import { renderDeployer, renderSensorConfig, renderUnified } from './render-sensor.js';

type Mode = { json: boolean; verbose: boolean };
let mode: Mode = { json: process.argv.includes('--json'), verbose: false };

/** How long `invoke` waits for the module to send its request and close stdin. */
const REQUEST_DEADLINE_MS = 60_000;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `<subcommand> --help` and `help <subcommand>`: that subcommand's usage, before any other argument is judged.
  const helpFor = command === 'help' ? rest[0] : rest.includes('--help') || rest.includes('-h') ? command : undefined;
  if (helpFor !== undefined) {
    const usage = usageOf(helpFor);
    if (usage === undefined) throw new MdiInputError(ErrorCode.InvalidArgument, `Unknown command '${helpFor}'.\n${USAGE}`);
    return print(`${usage}\n`, ExitCode.Passed);
  }
  switch (command) {
    case '--version': // with other arguments; alone, the entry answers it
      return print(`${ENGINE_VERSION}\n`, ExitCode.Passed);
    case undefined:
    case '--help':
    case 'help':
      return print(`${USAGE}\n`, command ? ExitCode.Passed : ExitCode.BadInput);
    case 'invoke': {
      // The module's seam: request JSON on stdin (password included), answer JSON on stdout.
      mode = { json: true, verbose: true };
      const request = await readStdin({ what: 'the request', deadlineMs: REQUEST_DEADLINE_MS, hint: 'Send one JSON request and close stdin.' });
      // The validators compiled from the schema are large: only the module's seam loads them.
      const { parseRequest } = await import('../request/parse-request.js');
      const parsed = parseRequest(request);
      mode.verbose = parsed.narrate !== false;
      const response = await execute(parsed);
      return emit(response, '');
    }
    case 'test': {
      const parsed = parseTestArgs(rest);
      mode = parsed;
      const r = parsed.request;
      // The sensor configuration's proxy password: decrypted from --certificate-path, or given like any other.
      if (r.proxyUser || (r.sensorConfigurationPath && !r.certificatePath)) {
        const password = await passwordFromOutside(r.timeoutSec);
        if (password !== undefined) r.proxyPassword = password;
      }
      const response = await execute(parsed.request);
      return emit(response, response.command === 'test' ? renderTest(response) : '');
    }
    case 'settings': {
      const parsed = parseSettingsArgs(rest);
      mode = parsed;
      const response = await execute(parsed.request);
      return emit(response, response.command === 'settings' ? renderSettings(response) : '');
    }
    case 'copy-settings': {
      const parsed = parseCopyArgs(rest);
      mode = parsed;
      const response = runCopySettings(parsed.request);
      const written = parsed.whatIf ? [] : writeRestoreThenImport(parsed.out, parsed.backup, response.importRegBase64, response.backupRegBase64).map(describe);
      return emit(response, renderCopy(response, parsed.whatIf, written), ExitCode.Passed);
    }
    case 'sensor-config': {
      const parsed = parseSensorConfigArgs(rest);
      mode = parsed;
      if (parsed.request.proxyUser) parsed.request.proxyPassword = await passwordFromOutside();
      // The engine itself writes SensorConfiguration.json (backup, atomic replace, read-back).
      const response = await execute(parsed.request);
      return emit(response, response.command === 'sensor-config' ? renderSensorConfig(response) : '', ExitCode.Passed);
    }
    case 'deployer-syntax': {
      const parsed = parseDeployerArgs(rest);
      mode = parsed;
      if (parsed.readsCommandLine) {
        parsed.request.commandLine = await readStdin({ what: 'the command line to parse', deadlineMs: DEFAULT_TIMEOUT_SEC * 1000, hint: 'Pipe the command line and close stdin.' });
      }
      else if (parsed.request.proxyUser || (parsed.request.sensorConfigurationPath && !parsed.request.certificatePath)) {
        const password = await passwordFromOutside();
        if (password !== undefined) parsed.request.proxyPassword = password;
      }
      const response = await execute(parsed.request);
      return emit(response, response.command === 'deployer-syntax' ? renderDeployer(response) : '', ExitCode.Passed);
    }
    case 'unified-proxy': {
      const parsed = parseUnifiedArgs(rest);
      mode = parsed;
      const response = await execute(parsed.request);
      if (response.command !== 'unified-proxy') return ExitCode.Internal;
      const written =
        parsed.out && !parsed.whatIf && response.importRegBase64 && response.backupRegBase64
          ? writeRestoreThenImport(parsed.out, parsed.backup, response.importRegBase64, response.backupRegBase64).map(describe)
          : [];
      return emit(response, renderUnified(response, parsed.whatIf, written), ExitCode.Passed);
    }
    // Each of these lives in its own file (argv parsing and text view).
    case 'catalog':
      return runSubcommand(rest, catalogCli);
    case 'mde-test':
      return runSubcommand(rest, mdeTestCli);
    case 'service-tags':
      return runSubcommand(rest, serviceTagsCli);
    default:
      throw new MdiInputError(ErrorCode.InvalidArgument, `Unknown command '${command}'.\n${USAGE}`);
  }
}

/** Every request runs with its front end's names for what the user gives (src/front-end.ts). */
function execute(request: EngineRequest): Promise<Exclude<EngineResponse, ErrorResponse>> {
  return withFrontEnd(request.frontEnd, () => executeCommand(request));
}

async function executeCommand(request: EngineRequest): Promise<Exclude<EngineResponse, ErrorResponse>> {
  const log: PhaseLog = (line) => {
    if (mode.verbose) process.stderr.write(`VERBOSE: ${line}\n`);
  };
  switch (request.command) {
    case 'test':
      return runTest(request, log);
    case 'settings':
      return runSettings(request, log);
    case 'copy-settings':
      return runCopySettings(request);
    case 'sensor-config':
      return runSensorConfig(request);
    case 'deployer-syntax':
      return runDeployerSyntax(request);
    case 'unified-proxy':
      return runUnifiedProxy(request);
    case 'catalog':
      return runCatalog(request);
    case 'mde-test':
      return runMdeTest(request, log);
    case 'service-tags':
      return runServiceTags(request, log);
  }
}

/** A subcommand's own argv parser and text view; the view sees what was parsed (e.g. its format flag). */
interface Subcommand<P extends Parsed<EngineRequest>> {
  parse(argv: string[]): P | Promise<P>;
  render(response: Exclude<EngineResponse, ErrorResponse>, parsed: NoInfer<P>): string;
}

async function runSubcommand<P extends Parsed<EngineRequest>>(argv: string[], cli: Subcommand<P>): Promise<number> {
  const parsed = await cli.parse(argv);
  mode = parsed;
  const response = await execute(parsed.request);
  return emit(response, cli.render(response, parsed));
}

function emit(response: Exclude<EngineResponse, ErrorResponse>, text: string, code?: number): number {
  process.stdout.write(mode.json ? `${JSON.stringify(response)}\n` : text);
  if (code !== undefined) return code;
  if ('passed' in response) return response.passed ? ExitCode.Passed : ExitCode.CheckFailed;
  return ExitCode.Passed;
}

function describe(outcome: { path: string; backup: string | null }): string {
  return outcome.backup ? `${outcome.path} (previous file kept as ${outcome.backup})` : outcome.path;
}

/**
 * For humans: MDI_PROXY_PASSWORD; for pipes: stdin. Never argv. A pipe that never closes ends the
 * wait within the run's own timeout (--timeout-sec), not never.
 */
async function passwordFromOutside(timeoutSec?: number): Promise<string | undefined> {
  const fromEnv = process.env.MDI_PROXY_PASSWORD;
  delete process.env.MDI_PROXY_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (process.stdin.isTTY) return undefined;
  const seconds = timeoutSec !== undefined && Number.isFinite(timeoutSec) && timeoutSec > 0 ? Math.min(timeoutSec, 300) : DEFAULT_TIMEOUT_SEC;
  const hint = 'Pipe the password and close stdin (e.g. printf %s "$PW" | mdi-connectivity ...), or set MDI_PROXY_PASSWORD.';
  const text = (await readStdin({ what: 'the proxy password', deadlineMs: seconds * 1000, hint })).replace(/\r?\n$/, '');
  return text === '' ? undefined : text;
}

function print(text: string, code: number): number {
  process.stdout.write(text);
  return code;
}

function fail(error: unknown): number {
  const input = error instanceof MdiInputError;
  const code = input ? error.code : ErrorCode.Internal;
  // Internal errors show their message but never a stack: the message is built by us or Node.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ERROR ${code}: ${message}\n`);
  if (mode.json) {
    const response: ErrorResponse = { schemaVersion: SCHEMA_VERSION, error: { code, message } };
    process.stdout.write(`${JSON.stringify(response)}\n`);
  }
  return input ? ExitCode.BadInput : ExitCode.Internal;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => (process.exitCode = fail(error)),
);
