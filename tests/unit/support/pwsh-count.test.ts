// The reporter that counts real-PowerShell tests: run a tiny vitest project through it, with and without CI.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A project with one passing and one skipped test under tests/pwsh/, and one passing test elsewhere. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'mdi-count-'));
  mkdirSync(join(root, 'tests', 'pwsh'), { recursive: true });
  mkdirSync(join(root, 'tests', 'unit'), { recursive: true });
  writeFileSync(join(root, 'tests', 'pwsh', 'a.test.js'), "it('runs', () => {}); it.skip('skipped', () => {});\n");
  writeFileSync(join(root, 'tests', 'unit', 'b.test.js'), "it('plain', () => {}); it('fails', () => { throw new Error('no'); });\n");
  writeFileSync(join(root, 'vitest.config.mjs'), `export default { test: { globals: true, include: ['tests/**/*.test.js'], reporters: [${JSON.stringify(join(repo, 'tests', 'support', 'pwsh-count.ts'))}] } };\n`);
  return root;
}

function runVitest(root: string, env: NodeJS.ProcessEnv): { status: number | null; out: string } {
  const child = spawnSync(process.execPath, [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', root], {
    cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: '', ...env },
  });
  return { status: child.status, out: `${child.stdout}${child.stderr}` };
}

describe('pwsh-count reporter', () => {
  it('prints the real-PowerShell count and a closing line of totals', () => {
    const { out } = runVitest(project(), {});
    expect(out).toContain('real PowerShell tests: 1 ran, 1 skipped');
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed, 1 skipped');
  }, 120_000);

  it('fails the run in CI when a real-PowerShell test was skipped', () => {
    const root = project();
    writeFileSync(join(root, 'tests', 'unit', 'b.test.js'), "it('plain', () => {});\n");
    expect(runVitest(root, {}).status).toBe(0);
    const ci = runVitest(root, { CI: 'true' });
    expect(ci.out).toContain('FAIL: 1 real PowerShell test(s) skipped in CI');
    expect(ci.status).toBe(1);
  }, 120_000);
});
