// A backup is always written first: copy-settings and unified-proxy without --backup write the restoring
// .reg beside the import file (fix.reg → fix.backup.reg) before the import file, in text and JSON mode.
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../support/engine.js';
import { regExport } from '../support/reg-fixtures.js';

function exportIn(dir: string): string {
  const file = join(dir, 'export.reg');
  writeFileSync(file, regExport({ CurrentUser: { proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>' }, LocalSystem: { proxyServer: 'old.contoso.com:3128' } }));
  return file;
}

describe('copy-settings without --backup', () => {
  it.each([['text', []], ['json', ['--json']]])('%s mode: writes fix.backup.reg first, then fix.reg, and says so', async (_mode, extra) => {
    const dir = mkdtempSync(join(tmpdir(), 'mdi-copy-backup-'));
    const out = join(dir, 'fix.reg');
    const run = await runEngine(['copy-settings', '--reg-file', exportIn(dir), '--to', 'LocalSystem', '--out', out, ...extra]);
    expect(run.exitCode, run.stderr).toBe(0);
    const backup = join(dir, 'fix.backup.reg');
    expect(existsSync(backup)).toBe(true);
    // Written first: the restoring file is not younger than the import file.
    expect(statSync(backup).mtimeMs).toBeLessThanOrEqual(statSync(out).mtimeMs);
    if (extra.length === 0) expect(run.stdout).toMatch(new RegExp(`^Wrote ${backup.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    // It restores LocalSystem's present proxy; the import file sets the current user's.
    expect((await runEngine(['settings', '--reg-file', backup])).stdout).toMatch(/^LocalSystem\s+proxy old\.contoso\.com:3128$/m);
    expect((await runEngine(['settings', '--reg-file', out])).stdout).toMatch(/^LocalSystem\s+proxy proxy\.contoso\.com:8080; bypass <local>$/m);
  });

  it('refuses a --backup that is the --out file, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdi-copy-backup-'));
    const source = exportIn(dir);
    const out = join(dir, 'fix.reg');
    const run = await runEngine(['copy-settings', '--reg-file', source, '--to', 'LocalSystem', '--out', out, '--backup', join(dir, '.', 'fix.reg')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^ERROR MDI_INVALID_ARGUMENT: --out and --backup name the same file/m);
    expect(readdirSync(dir)).toEqual(['export.reg']);
  });
});
