// Input that never ends or never stops: each case must end within its bound with one typed
// error line (exit 2), never a hang, an out-of-memory crash or a stack trace. `exitCode` null
// would mean runEngine's killer had to step in: that is the failure these tests look for.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE, runEngine } from '../support/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'mdi-bounds-'));
const BOUND_MS = 25_000;
const { MDI_PROXY_PASSWORD: _ignored, ...withoutPassword } = process.env;

function expectOneErrorLine(stderr: string, code: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^ERROR ${code}: `));
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('stdin that never closes', () => {
  it('test --proxy-user: the password wait ends within --timeout-sec with MDI_STDIN_TIMEOUT', async () => {
    const run = await runEngine(
      ['test', '--sensor-api-url', 'https://contososensorapi.atp.azure.com', '--proxy-url', 'http://127.0.0.1:9', '--proxy-user', 'CONTOSO\\svc-mdi', '--timeout-sec', '2'],
      { stdin: 'Passw0rd', stdinOpen: true, killAfterMs: BOUND_MS, env: withoutPassword },
    );
    expect(run.exitCode, 'the engine had to be killed').toBe(2);
    expectOneErrorLine(run.stderr, 'MDI_STDIN_TIMEOUT');
    expect(run.stderr).toMatch(/within 2 s while waiting for the proxy password/);
    expect(run.stderr + run.stdout).not.toContain('Passw0rd');
  });

  it('--json answers the same error as JSON on stdout', async () => {
    const run = await runEngine(
      ['test', '--sensor-api-url', 'https://contososensorapi.atp.azure.com', '--proxy-url', 'http://127.0.0.1:9', '--proxy-user', 'u', '--timeout-sec', '1', '--json'],
      { stdinOpen: true, killAfterMs: BOUND_MS, env: withoutPassword },
    );
    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'MDI_STDIN_TIMEOUT' } });
  });

  it('deployer-syntax --parse waits for the command line within the default timeout', async () => {
    const run = await runEngine(['deployer-syntax', '--parse'], { stdin: 'Azure ATP Sensor Setup.exe /quiet', stdinOpen: true, killAfterMs: BOUND_MS });
    expect(run.exitCode).toBe(2);
    expectOneErrorLine(run.stderr, 'MDI_STDIN_TIMEOUT');
  });
});

describe('files without end or beyond reason', () => {
  const sparse = join(dir, 'huge.reg');
  writeFileSync(sparse, '');
  truncateSync(sparse, 2 * 1024 ** 3); // 2 GiB, sparse: no disk space used

  it.each([
    ['settings --reg-file /dev/zero', ['settings', '--reg-file', '/dev/zero']],
    ['settings --reg-file <2 GiB sparse file>', ['settings', '--reg-file', sparse]],
    ['unified-proxy get --reg-file /dev/zero', ['unified-proxy', 'get', '--reg-file', '/dev/zero']],
    ['test --trusted-root /dev/zero', ['test', '--workspace', 'contoso', '--trusted-root', '/dev/zero']],
    ['test --root-store <2 GiB sparse file>', ['test', '--workspace', 'contoso', '--root-store', sparse]],
    ['service-tags --file /dev/zero', ['service-tags', '--file', '/dev/zero']],
    ['service-tags --file <2 GiB sparse file>', ['service-tags', '--file', sparse]],
    ['sensor-config get --sensor-configuration-path /dev/zero', ['sensor-config', 'get', '--sensor-configuration-path', '/dev/zero']],
    ['deployer-syntax --sensor-configuration-path <2 GiB> --certificate-path /dev/zero', ['deployer-syntax', '--sensor-configuration-path', sparse, '--certificate-path', '/dev/zero']],
  ])('%s is MDI_INPUT_TOO_LARGE', async (_name, args) => {
    const run = await runEngine(args, { killAfterMs: BOUND_MS });
    expect(run.exitCode, 'the engine had to be killed').toBe(2);
    expectOneErrorLine(run.stderr, 'MDI_INPUT_TOO_LARGE');
    expect(run.stderr).toMatch(/is larger than \d+ MiB/);
  });

  it('a missing file is still MDI_INVALID_ARGUMENT naming the file', async () => {
    const run = await runEngine(['settings', '--reg-file', join(dir, 'absent.reg')], { killAfterMs: BOUND_MS });
    expect(run.exitCode).toBe(2);
    expectOneErrorLine(run.stderr, 'MDI_INVALID_ARGUMENT');
    expect(run.stderr).toMatch(/absent\.reg' \(ENOENT\)/);
  });
});

describe('an unsupported Node', () => {
  // The machine's own /usr/bin/node (v20); the module always runs the bundled Node 24.
  const OLD_NODE = '/usr/bin/node';

  it('prints one line naming the Node it needs and exits 3', () => {
    expect(existsSync(OLD_NODE), `${OLD_NODE} (Node 20) is part of this test's setup`).toBe(true);
    const version = spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8', timeout: BOUND_MS }).stdout.trim();
    expect(version).toMatch(/^v(1\d|2[01])\./);
    for (const args of [['--version'], ['invoke'], ['test', '--workspace', 'contoso']]) {
      const run = spawnSync(OLD_NODE, [ENGINE, ...args], { encoding: 'utf8', input: '{}', timeout: BOUND_MS });
      expect(run.status, run.stderr).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`ERROR MDI_NODE_UNSUPPORTED: mdi-connectivity needs Node.js 22.15 or later; this is Node.js ${version.slice(1)} (${OLD_NODE}).\n`);
    }
  });
});
