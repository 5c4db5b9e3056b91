// The engine's code cache (src/cli/engine-loader.ts): made at build time, accepted by the Node.js
// that runs the engine, and only ever read — a run writes no file at all, cache or otherwise.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { ENGINE, runEngine } from '../support/engine.js';

const h = inject('harness');
const loader = fileURLToPath(new URL('../../src/cli/engine-loader.ts', import.meta.url));
const engineDir = join(ENGINE, '..');
const BOUND_MS = 60_000;

/** Compiles the built engine with its cache in a fresh Node (this one's version) and says whether V8 took the cache. */
function cacheRejected({ setFlags, edit }: { setFlags: boolean; edit: boolean }): boolean {
  const script = `
    import { compileEngine, V8_FLAGS, ENGINE_FILE, CODE_CACHE_FILE } from ${JSON.stringify(loader)};
    import { setFlagsFromString } from 'node:v8';
    import { readFileSync } from 'node:fs';
    import { join } from 'node:path';
    const dir = ${JSON.stringify(engineDir)};
    if (${setFlags}) V8_FLAGS.forEach((flag) => setFlagsFromString(flag));
    const source = readFileSync(join(dir, ENGINE_FILE), 'latin1') + (${edit} ? ' ' : '');
    const compiled = compileEngine(source, join(dir, ENGINE_FILE), readFileSync(join(dir, CODE_CACHE_FILE)));
    process.stdout.write(JSON.stringify(compiled.cachedDataRejected));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], { encoding: 'utf8', timeout: BOUND_MS });
  if (run.status !== 0) throw new Error(`compiling the engine failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as boolean;
}

describe('the engine code cache', () => {
  it('ships beside the engine and is accepted as the entry compiles it (same V8 flags, same text)', () => {
    expect(statSync(join(engineDir, 'engine.cjs.cache')).size).toBeGreaterThan(0);
    expect(cacheRejected({ setFlags: true, edit: false })).toBe(false);
  });

  it('is refused, not misused, when the engine text or the V8 flags differ', () => {
    expect(cacheRejected({ setFlags: true, edit: true })).toBe(true);
    expect(cacheRejected({ setFlags: false, edit: false })).toBe(true);
  });

  it('a whole check writes nothing: no file is created, opened for writing, renamed or removed', async () => {
    const trace = join(mkdtempSync(join(tmpdir(), 'mdi-trace-')), 'trace.txt');
    const names = h.endpoints.address === null ? [] : h.endpoints.hosts.flatMap((host) => ['--resolve', `${host}:*:${h.endpoints.address}`]);
    const run = await runEngine(
      ['test', '--sensor-api-url', h.targets.ok.url, '--proxy-url', h.squid.urls.open, '--trusted-root', h.pki.root.certPath, '--resolve', `${h.targets.ok.host}:*:127.0.0.1`, ...names, '--json'],
      { allowlist: true, wrap: ['strace', '-f', '-qq', '-o', trace, '-e', 'trace=open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,link,symlink'] },
    );
    expect(JSON.parse(run.stdout).checks[0].verdict).toBe('Pass');
    const lines = readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes('('));
    // The engine's own files are read (the trace proves the cache is one of them)...
    expect(lines.some((line) => line.includes('engine.cjs.cache') && line.includes('O_RDONLY'))).toBe(true);
    // ...and nothing is written anywhere (a failed call is still an attempt, so it counts too).
    const writes = lines.filter((line) => /O_WRONLY|O_RDWR|O_CREAT|\b(creat|mkdir|mkdirat|rename|renameat2?|unlink|unlinkat|link|symlink)\(/.test(line));
    expect(writes).toEqual([]);
  });
});
