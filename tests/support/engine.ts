import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCHEMA_VERSION, type EngineRequest, type EngineResponse, type TestRequest, type TestResponse } from '../../src/contract/types.js';

export const ENGINE = fileURLToPath(new URL('../../module/engine/mdi-connectivity.mjs', import.meta.url));
if (!existsSync(ENGINE)) throw new Error(`engine bundle missing at ${ENGINE}: run npm run build (npm test does)`);

/** Omit over each member of a union (plain Omit would merge them). */
type WithoutVersion<T> = T extends unknown ? Omit<T, 'schemaVersion'> : never;

export interface EngineRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  pid: number;
}

export interface RunOptions {
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  /** Prefix the command, e.g. ['unshare', '-n'] to run without any network. */
  wrap?: string[];
  /** Called once the child exists, to watch it (argv/environ scans). */
  onSpawn?: (pid: number) => void;
  killAfterMs?: number;
  /** Leave stdin open (a pipe whose writer never closes it); options.stdin is still written first. */
  stdinOpen?: boolean;
  /**
   * For the test command: also check the certificate allowlist URLs (the product's default).
   * Off unless asked: the sensor-API tests give --resolve only for the sensor host, and the
   * allowlist hosts would otherwise go to this machine's real (non-loopback) resolver.
   */
  allowlist?: boolean;
}

/** Runs the built engine as a real process, as the module and admins do. */
export function runEngine(args: string[], options: RunOptions = {}): Promise<EngineRun> {
  const sensorOnly = args[0] === 'test' && !options.allowlist && !args.includes('--no-allowlist');
  const argv = [...(options.wrap ?? []), process.execPath, ENGINE, ...args, ...(sensorOnly ? ['--no-allowlist'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(killer);
      child.stdin.destroy();
      resolve({ exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), pid: child.pid ?? -1 });
    });
    if (child.pid) options.onSpawn?.(child.pid);
    child.stdin.on('error', () => {}); // EPIPE when the child exits before reading all of it
    if (options.stdinOpen) child.stdin.write(options.stdin ?? '');
    else child.stdin.end(options.stdin ?? '');
  });
}

/** The module's seam: request JSON on stdin → response JSON on stdout. */
export async function invokeEngine(request: Omit<TestRequest, 'schemaVersion' | 'command'> | WithoutVersion<EngineRequest>, options: RunOptions = {}): Promise<EngineRun & { response: EngineResponse }> {
  const document: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, command: 'test', ...request };
  if (document.command === 'test' && document.allowlist === undefined && !options.allowlist) document.allowlist = false;
  const run = await runEngine(['invoke'], { ...options, stdin: JSON.stringify(document) });
  let response: EngineResponse;
  try {
    response = JSON.parse(run.stdout) as EngineResponse;
  } catch {
    throw new Error(`engine printed no JSON (exit ${run.exitCode}): ${run.stdout}\n${run.stderr}`);
  }
  return { ...run, response };
}

export function asTest(response: EngineResponse): TestResponse {
  if ('error' in response) throw new Error(`engine error ${response.error.code}: ${response.error.message}`);
  if (response.command !== 'test') throw new Error(`expected a test answer, got ${response.command}`);
  return response;
}
