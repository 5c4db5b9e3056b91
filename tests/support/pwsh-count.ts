// A vitest reporter (next to the default one, see vitest.config.ts) that counts the real-PowerShell tests and
// closes the run with one plain line of totals. A real-PowerShell test is any test in a file under tests/pwsh/
// or tests/module/, or in a file that imports tests/support/pwsh.ts. In CI (CI=true) a skipped one fails
// the run: CI must prove the module in pwsh, not skip it.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const DRIVER_IMPORT = /from\s+['"][./]*(?:\.\.\/)*support\/pwsh(?:\.js|\.ts)?['"]/;

export function isRealPwshFile(root: string, file: string): boolean {
  const path = relative(root, file).split(sep).join('/');
  if (/^tests\/(pwsh|module)\//.test(path)) return true;
  try {
    return DRIVER_IMPORT.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

export interface Counts { passed: number; failed: number; skipped: number }

export function summaryLines(all: Counts, pwsh: Counts, ci: boolean): { lines: string[]; fail: boolean } {
  const lines = [`real PowerShell tests: ${pwsh.passed + pwsh.failed} ran, ${pwsh.skipped} skipped`];
  const fail = ci && pwsh.skipped > 0;
  if (fail) lines.push(`FAIL: ${pwsh.skipped} real PowerShell test(s) skipped in CI`);
  lines.push(`${all.passed} passed, ${all.failed} failed, ${all.skipped} skipped`);
  return { lines, fail };
}

export default class PwshCountReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: { config: { root: string } }): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const all: Counts = { passed: 0, failed: 0, skipped: 0 };
    const pwsh: Counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      const counted = isRealPwshFile(this.root, testModule.moduleId);
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        const key = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
        all[key]++;
        if (counted) pwsh[key]++;
      }
    }
    const { lines, fail } = summaryLines(all, pwsh, process.env.CI === 'true' || process.env.CI === '1');
    process.stdout.write(`\n${lines.join('\n')}\n`);
    if (fail) process.exitCode = 1;
  }
}
