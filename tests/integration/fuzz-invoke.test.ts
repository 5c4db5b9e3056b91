// Random and mutated requests through the module's seam (`invoke`): every case must end, within
// its bound, in an answer or one typed error (MDI_*), never a hang, an internal error or a stack
// trace. Seeded (tests/support/prng.ts): a failure names its seed and case, and replays exactly.
// The engine runs in a network namespace of its own (unshare -n): a mutated request reaches nothing.
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/contract/types.js';
import { MdiInputError } from '../../src/errors.js';
import { parseRequest } from '../../src/request/parse-request.js';
import { runEngine } from '../support/engine.js';
import { prng } from '../support/prng.js';

const SEED = 0x10_f022;
const PROCESS_CASES = 48;
const PARALLEL = 4;
const CASE_BOUND_MS = 45_000;
const IN_PROCESS_CASES = 3000;

const BLOB = Buffer.concat([Buffer.from([0x46, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0]), Buffer.from('proxy.contoso.com:8080'), Buffer.alloc(12)]).toString('base64');
const SEEDS: Record<string, unknown>[] = [
  { command: 'settings', registry: { values: { CurrentUser: BLOB, LocalSystem: null, LocalService: BLOB }, proxySettingsPerUser: 1 }, timeoutSec: 1 },
  { command: 'copy-settings', to: ['LocalSystem', 'LocalService'], registry: { values: { CurrentUser: BLOB } } },
  { command: 'catalog', service: 'MDI', cloud: 'Commercial', workspace: 'contoso' },
  { command: 'deployer-syntax', action: 'parse', commandLine: '"Azure ATP Sensor Setup.exe" /quiet ProxyUrl="http://proxy.contoso.com:8080" ProxyUserName="CONTOSO\\svc"' },
  { command: 'unified-proxy', action: 'get', unifiedRegistry: { telemetryProxyServer: 'proxy.contoso.com:8080', defenderProxyServer: null } },
  { command: 'sensor-config', action: 'get', sensorConfigurationPath: '/nonexistent/mdi-fuzz/SensorConfiguration.json' },
  { command: 'test', sensorApiUrl: 'https://contososensorapi.atp.azure.com', proxyUrl: 'http://127.0.0.1:9', timeoutSec: 1, allowlist: false },
  { command: 'service-tags', serviceTagsJson: '{"changeNumber":1,"cloud":"Public","values":[]}', hosts: ['contososensorapi.atp.azure.com'], timeoutSec: 1 },
];

const ODD_VALUES: unknown[] = [
  null, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, '', ' ', 'x'.repeat(5000), '\u0000', '\uFEFF', '../../../etc/passwd', 'http://', 'AAAA', 'not base64!',
  true, false, [], [1, 'a'], {}, { LocalSytem: 'AAAA' }, { values: {} }, { values: { CurrentUser: 5 } }, ['LocalSystem'], 'Commercial', 'get', 'set', 'clear',
];
const COMMANDS = ['test', 'settings', 'copy-settings', 'sensor-config', 'deployer-syntax', 'unified-proxy', 'catalog', 'mde-test', 'service-tags', 'rm', '__proto__'];

type Rng = ReturnType<typeof prng>;

/** One mutated or random request text. Network-free only by the namespace, not by the generator. */
function caseText(rng: Rng): string {
  if (rng.int(10) === 0) return randomText(rng);
  const doc: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, ...structuredClone(rng.pick(SEEDS)) };
  for (let steps = 1 + rng.int(3); steps > 0; steps--) mutate(doc, rng);
  let text = JSON.stringify(doc);
  if (rng.int(8) === 0) text = text.slice(0, rng.int(text.length)); // cut short
  if (rng.int(8) === 0) text = `${text.slice(0, rng.int(text.length))}${String.fromCharCode(rng.int(0x2fff))}${text.slice(rng.int(text.length))}`;
  return text;
}

function mutate(doc: Record<string, unknown>, rng: Rng): void {
  const keys = Object.keys(doc);
  const key = rng.pick(keys);
  switch (rng.int(7)) {
    case 0:
      delete doc[key];
      break;
    case 1:
      doc[key] = structuredClone(rng.pick(ODD_VALUES));
      break;
    case 2:
      doc[rng.pick(['proxyPasword', 'Workspace', 'registry ', 'extra', 'timeoutsec'])] = rng.pick(ODD_VALUES);
      break;
    case 3:
      doc.command = rng.pick(COMMANDS);
      break;
    case 4:
      doc.schemaVersion = rng.pick([SCHEMA_VERSION, SCHEMA_VERSION + 1, '3', null, 0]);
      break;
    case 5: {
      // One level down: a nested object's member (registry values, unifiedRegistry...).
      const nested = doc[key];
      if (nested && typeof nested === 'object' && !Array.isArray(nested)) mutate(nested as Record<string, unknown>, rng);
      break;
    }
    default:
      if (keys.length > 2) doc[`${key.slice(0, -1)}${key.slice(-1) === 'e' ? 'a' : 'e'}`] = doc[key];
  }
}

/** A mutated request the schema accepts (the first of a bounded number of tries). */
function acceptedCase(rng: Rng): string {
  for (let tries = 0; tries < 500; tries++) {
    const text = caseText(rng);
    try {
      parseRequest(text);
      return text;
    } catch {
      // Rejected by the contract: try another.
    }
  }
  throw new Error('no accepted mutation in 500 tries: the generator needs more valid values');
}

function randomText(rng: Rng): string {
  const length = rng.int(200);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(rng.pick([rng.int(128), rng.int(0xd7ff)]));
  return rng.int(2) === 0 ? `{${text}` : text;
}

describe('invoke fuzz', () => {
  it(`parseRequest: ${IN_PROCESS_CASES} cases end in a request or MDI_INVALID_REQUEST/MDI_CONTRACT_MISMATCH`, () => {
    const rng = prng(SEED);
    for (let n = 0; n < IN_PROCESS_CASES; n++) {
      const text = caseText(rng);
      try {
        parseRequest(text);
      } catch (error) {
        expect(error, `seed ${SEED} case ${n}: ${text.slice(0, 200)}`).toBeInstanceOf(MdiInputError);
        expect(['MDI_INVALID_REQUEST', 'MDI_CONTRACT_MISMATCH']).toContain((error as MdiInputError).code);
      }
    }
  });

  it(`the engine: ${PROCESS_CASES} cases end within their bound in an answer or one typed error, never a stack trace`, async () => {
    const rng = prng(SEED + 1);
    // Half the cases pass the schema, so the commands themselves meet the odd values.
    const cases = Array.from({ length: PROCESS_CASES }, (_, n) => ({ n, text: n % 2 === 0 ? acceptedCase(rng) : caseText(rng) }));
    const failures: string[] = [];
    const worker = async (): Promise<void> => {
      for (let next = cases.shift(); next; next = cases.shift()) {
        const { n, text } = next;
        const run = await runEngine(['invoke'], { stdin: text, wrap: ['unshare', '-n'], killAfterMs: CASE_BOUND_MS });
        const where = `seed ${SEED + 1} case ${n} (exit ${run.exitCode}): ${text.slice(0, 160)}\nstdout: ${run.stdout.slice(0, 300)}\nstderr: ${run.stderr.slice(0, 500)}`;
        if (run.exitCode === null) failures.push(`killed after ${CASE_BOUND_MS} ms: ${where}`);
        else if (![0, 1, 2].includes(run.exitCode)) failures.push(`exit code: ${where}`);
        if (/^\s+at |node:internal|\n\s+at /m.test(run.stderr)) failures.push(`stack trace: ${where}`);
        const lines = run.stdout.trimEnd().split('\n');
        let answer: { error?: { code?: string } } | undefined;
        try {
          answer = lines.length === 1 ? (JSON.parse(lines[0]!) as typeof answer) : undefined;
        } catch {
          answer = undefined;
        }
        if (!answer || typeof answer !== 'object') failures.push(`not one JSON answer: ${where}`);
        else if (answer.error && !/^MDI_[A-Z0-9_]+$/.test(String(answer.error.code))) failures.push(`untyped error: ${where}`);
        if (run.exitCode === 2 && !answer?.error) failures.push(`exit 2 without an error: ${where}`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(failures).toEqual([]);
  }, 600_000);
});
