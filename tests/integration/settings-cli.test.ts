// The settings and copy-settings commands as a Linux admin runs them on a .reg export.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../support/engine.js';
import { regExport } from '../support/reg-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mdi-settings-cli-'));
const exportFile = join(dir, 'export.reg');
writeFileSync(exportFile, regExport({ CurrentUser: { proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>' }, LocalSystem: { proxyServer: 'old.contoso.com:3128' } }));

describe('mdi-connectivity settings', () => {
  it('prints every scope, each account\'s route and the differences', async () => {
    const run = await runEngine(['settings', '--reg-file', exportFile, '--workspace', 'contoso']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^CurrentUser\s+proxy proxy\.contoso\.com:8080; bypass <local>$/m);
    expect(run.stdout).toMatch(/^LocalService\s+not set$/m);
    expect(run.stdout).toMatch(/^LocalSystem\s+http:\/\/old\.contoso\.com:3128 \(Manual\)/m);
    expect(run.stdout).toMatch(/LocalSystem \(the updater\) differs from the current user: proxyServer 'old\.contoso\.com:3128' vs 'proxy\.contoso\.com:8080'/);
  });

  it('says clearly when the file is not a registry export', async () => {
    const bad = join(dir, 'bad.reg');
    writeFileSync(bad, 'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\x]\r\n"v"=hex:zz\r\n');
    const run = await runEngine(['settings', '--reg-file', bad]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^ERROR MDI_REG_FILE_INVALID: .*line 4/m);
  });
});

describe('mdi-connectivity copy-settings', () => {
  it('-what-if writes nothing', async () => {
    const out = join(dir, 'whatif.reg');
    const run = await runEngine(['copy-settings', '--reg-file', exportFile, '--to', 'LocalSystem,LocalService', '--out', out, '--backup', join(dir, 'whatif-backup.reg'), '--what-if']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/What if: nothing written/);
    expect(readdirSync(dir).filter((name) => name.startsWith('whatif'))).toEqual([]);
  });

  it('writes the backup and the import file, keeps the previous import file, and both read back', async () => {
    const out = join(dir, 'import.reg');
    const backup = join(dir, 'backup.reg');
    writeFileSync(out, 'previous content');
    const run = await runEngine(['copy-settings', '--reg-file', exportFile, '--to', 'LocalSystem', '--out', out, '--backup', backup]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Wrote .*import\.reg \(previous file kept as .*import\.reg\..*\.bak\)/);
    const kept = readdirSync(dir).find((name) => name.startsWith('import.reg.') && name.endsWith('.bak'))!;
    expect(readFileSync(join(dir, kept), 'utf8')).toBe('previous content');
    // The import file, read back as settings, gives LocalSystem the current user's proxy.
    const check = await runEngine(['settings', '--reg-file', out]);
    expect(check.stdout).toMatch(/^LocalSystem\s+proxy proxy\.contoso\.com:8080; bypass <local>$/m);
    const restored = await runEngine(['settings', '--reg-file', backup]);
    expect(restored.stdout).toMatch(/^LocalSystem\s+proxy old\.contoso\.com:3128$/m);
    expect(existsSync(join(dir, `.import.reg.${run.pid}.tmp`))).toBe(false);
  });

  it('refuses a target that is not a service account', async () => {
    const run = await runEngine(['copy-settings', '--reg-file', exportFile, '--to', 'CurrentUser', '--out', join(dir, 'x.reg')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--to 'CurrentUser' is not one of LocalSystem, LocalService/);
  });
});
