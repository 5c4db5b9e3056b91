import { SCHEMA_VERSION, type ErrorResponse, type TestRequest } from '../contract/types.js';
import { runTest } from '../commands/test.js';
import { ErrorCode, ExitCode, MdiInputError } from '../errors.js';
import { parseRequest } from '../request/parse-request.js';
import { ENGINE_VERSION } from '../version.js';
import { USAGE, parseTestArgs } from './args.js';
import { renderText } from './render.js';
import { readStdin } from './stdin.js';

type Mode = { json: boolean; verbose: boolean };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version') return print(`${ENGINE_VERSION}\n`, ExitCode.Passed);
  if (command === undefined || command === '--help' || command === 'help') return print(`${USAGE}\n`, command ? ExitCode.Passed : ExitCode.BadInput);
  if (command === 'invoke') return invoke();
  if (command === 'test') return testFromArgs(rest);
  throw new MdiInputError(ErrorCode.InvalidArgument, `Unknown command '${command}'.\n${USAGE}`);
}

/** The module's seam: request JSON on stdin (password included), answer JSON on stdout. */
async function invoke(): Promise<number> {
  mode = { json: true, verbose: true };
  return execute(parseRequest(await readStdin()));
}

async function testFromArgs(argv: string[]): Promise<number> {
  const { request, json, verbose } = parseTestArgs(argv);
  mode = { json, verbose };
  if (request.proxyUser) request.proxyPassword = await passwordFromOutside();
  return execute(request);
}

async function execute(request: TestRequest): Promise<number> {
  const log = (line: string): void => {
    if (mode.verbose) process.stderr.write(`VERBOSE: ${line}\n`);
  };
  const response = await runTest(request, log);
  process.stdout.write(mode.json ? `${JSON.stringify(response)}\n` : renderText(response));
  return response.passed ? ExitCode.Passed : ExitCode.CheckFailed;
}

/** For humans: MDI_PROXY_PASSWORD; for pipes: stdin. Never argv. */
async function passwordFromOutside(): Promise<string | undefined> {
  const fromEnv = process.env.MDI_PROXY_PASSWORD;
  delete process.env.MDI_PROXY_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (process.stdin.isTTY) return undefined;
  const text = (await readStdin()).replace(/\r?\n$/, '');
  return text === '' ? undefined : text;
}

let mode: Mode = { json: process.argv.includes('--json'), verbose: false };

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
