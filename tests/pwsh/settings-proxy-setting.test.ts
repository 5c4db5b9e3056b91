// Get-MDIProxySetting and Copy-MDIProxySetting in real PowerShell, offline (.reg exports, as on Linux).
// The live-registry paths run in windows-seams.test.ts with stand-ins for the registry calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { moduleShell, psString, run, skipPwsh } from '../support/pwsh.js';
import { expectOneRecord, failureOf, rendered, tempDir, writeReg, type Failure } from './config-support.js';

const PROXY = 'proxy.contoso.com:8080';
const OTHER = 'other.contoso.com:3128';

describe.skipIf(skipPwsh)('Get-MDIProxySetting and Copy-MDIProxySetting in real PowerShell', { timeout: 120_000 }, () => {
  let shell: PowerShell;
  let dir = '';
  let dc01 = '';
  let perUserOff = '';

  beforeAll(async () => {
    shell = await moduleShell();
    dir = tempDir('settings');
    // The current user has the proxy; the sensor (LocalService) has nothing set, the updater another proxy.
    dc01 = writeReg(dir, 'dc01.reg', { CurrentUser: { proxyServer: PROXY }, LocalService: {}, LocalSystem: { proxyServer: OTHER } });
    perUserOff = writeReg(dir, 'per-user-off.reg', { CurrentUser: { proxyServer: PROXY }, LocalService: {}, proxySettingsPerUser: 0 });
  }, 60_000);

  afterAll(async () => {
    await shell?.dispose();
  });

  describe('Get-MDIProxySetting', () => {
    it('decodes every scope of an export into MDIConnectivity.ProxySetting objects with the route each account takes', async () => {
      const result = await run(shell, `Get-MDIProxySetting -Path ${psString(dc01)} -WarningAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ type = $_.PSObject.TypeNames[0]; scope = $_.Scope; present = $_.Present; proxy = $_.ProxyServer; route = $_.Route; source = $_.RouteSource; differences = @($_.Differences).Count } }`);
      expect(result.ok, result.message).toBe(true);
      const rows = result.value as Array<Record<string, unknown>>;
      expect(rows.map((r) => r.scope)).toEqual(['CurrentUser', 'LocalSystem', 'LocalService', 'DefaultUser', 'Machine', 'WinHttp']);
      expect(rows.every((r) => r.type === 'MDIConnectivity.ProxySetting')).toBe(true);
      expect(rows[0]).toMatchObject({ scope: 'CurrentUser', present: true, proxy: PROXY, route: `http://${PROXY}`, source: 'Manual', differences: 0 });
      expect(rows[1]).toMatchObject({ scope: 'LocalSystem', proxy: OTHER, route: `http://${OTHER}`, differences: 2 });
      expect(rows[2]).toMatchObject({ scope: 'LocalService', route: 'direct', source: 'Direct', differences: 2 });
    });

    // Defect 8: the warning named LocalSystem although only LocalService was asked for.
    it('-Scope LocalService warns about LocalService only, never about LocalSystem', async () => {
      const result = await run(shell, `$w = @(Get-MDIProxySetting -Path ${psString(dc01)} -Scope LocalService 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message }); $o = @(Get-MDIProxySetting -Path ${psString(dc01)} -Scope LocalService -WarningAction SilentlyContinue); [pscustomobject]@{ warnings = [string[]]$w; scopes = [string[]]@($o.Scope) }`);
      const [seen] = result.value as Array<{ warnings: string[]; scopes: string[] }>;
      expect(seen!.scopes).toEqual(['LocalService']);
      expect(seen!.warnings.length).toBeGreaterThan(0);
      for (const warning of seen!.warnings) {
        expect(warning).toMatch(/^LocalService /);
        expect(warning).not.toContain('LocalSystem');
      }
    });

    it('-Scope LocalSystem warns about LocalSystem only, and a machine-wide policy warning concerns every scope', async () => {
      const system = await run(shell, `@(Get-MDIProxySetting -Path ${psString(dc01)} -Scope LocalSystem 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })`);
      const warnings = system.value as string[];
      expect(warnings.length).toBeGreaterThan(0);
      for (const warning of warnings) expect(warning).toMatch(/^LocalSystem /);
      const machineWide = await run(shell, `@(Get-MDIProxySetting -Path ${psString(perUserOff)} -Scope CurrentUser 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })`);
      expect(machineWide.value).toEqual([expect.stringMatching(/^ProxySettingsPerUser = 0/)]);
    });

    it('binds .reg files from Get-ChildItem by property name (PSPath), one set of scopes per file', async () => {
      const result = await run(shell, `@(Get-ChildItem -LiteralPath ${psString(dir)} -Filter '*.reg' | Sort-Object Name | Get-MDIProxySetting -Scope CurrentUser -WarningAction SilentlyContinue).Count`);
      expect(result.value).toEqual([readdirSync(dir).filter((f) => f.endsWith('.reg')).length]);
    });

    it('says on the verbose stream which export it read and for which URL', async () => {
      const result = await run(shell, `@(Get-MDIProxySetting -Path ${psString(dc01)} -WorkspaceName contoso-corp -Scope CurrentUser -Verbose -WarningAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })`);
      const verbose = (result.value as string[]).join('\n');
      expect(verbose).toContain(`Reading proxy settings from the export ${dc01}`);
      expect(verbose).toMatch(/url: https:\/\/contoso-corpsensorapi\.atp\.azure\.com/);
    });

    const getFailures = [
      ['no -Path off Windows', 'MDI_REGISTRY_UNAVAILABLE', ''],
      ['a missing export', 'MDI_FILE_NOT_FOUND', '-Path ./does-not-exist.reg'],
      ['a file that is not a .reg export', 'MDI_REG_FILE_INVALID', `-Path ${psString(join(process.cwd(), 'package.json'))}`],
    ];
    it.each(getFailures)('%s stops with %s, naming the command, and no output', async (_name, id, args) => {
      const result = await run(shell, failureOf(`Get-MDIProxySetting ${args}`));
      const [failure] = result.value as Failure[];
      expect(failure!.output).toBe(0);
      expect(failure!.caught).toBe(`${id},Get-MDIProxySetting`);
    });

    it(`-ErrorVariable holds exactly one MDI_* record per failure`, async () => {
      for (const [, id, args] of getFailures) {
        const [failure] = (await run(shell, failureOf(`Get-MDIProxySetting ${args}`))).value as Failure[];
        expectOneRecord(failure!, id!, 'Get-MDIProxySetting');
      }
    });

    it.each([80, 120])('the default table fits %i columns and shows each route whole', async (width) => {
      const result = await run(shell, rendered(`Get-MDIProxySetting -Path ${psString(dc01)} -WarningAction SilentlyContinue`, width));
      const [view] = result.value as Array<{ lines: string[]; longest: number }>;
      expect(view!.longest).toBeLessThanOrEqual(width);
      const header = view!.lines.find((l) => l.startsWith('Scope'));
      expect(header?.split(/\s+/)).toEqual(['Scope', 'Via', 'Route', 'ProxyServer']);
      expect(view!.lines.some((l) => l.includes(`http://${PROXY}`))).toBe(true);
      expect(view!.lines.some((l) => l.includes(`http://${OTHER}`))).toBe(true);
    });
  });

  describe('Copy-MDIProxySetting offline (-Path, -OutputPath)', () => {
    it('-WhatIf writes nothing, not even the backup, and returns nothing without -PassThru', async () => {
      const out = join(dir, 'whatif-import.reg');
      const backup = join(dir, 'whatif-restore.reg');
      const result = await run(shell, `@(Copy-MDIProxySetting -Path ${psString(dc01)} -OutputPath ${psString(out)} -BackupPath ${psString(backup)} -WhatIf).Count`);
      expect(result.value).toEqual([0]);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(backup)).toBe(false);
    });

    it('-Confirm:$false writes the import and restore files, keeps an older file as .bak and returns MDIConnectivity.ProxySettingCopy', async () => {
      const out = join(dir, 'import.reg');
      const backup = join(dir, 'restore.reg');
      const first = await run(shell, `Copy-MDIProxySetting -Path ${psString(dc01)} -OutputPath ${psString(out)} -BackupPath ${psString(backup)} -Confirm:$false -PassThru | ForEach-Object { [pscustomobject]@{ type = $_.PSObject.TypeNames[0]; scope = $_.Scope; changed = $_.Changed; output = $_.OutputPath; backup = $_.BackupPath } }`);
      expect(first.ok, first.message).toBe(true);
      expect(first.value).toEqual([
        { type: 'MDIConnectivity.ProxySettingCopy', scope: 'LocalSystem', changed: true, output: out, backup },
        { type: 'MDIConnectivity.ProxySettingCopy', scope: 'LocalService', changed: true, output: out, backup },
      ]);
      const written = readFileSync(out);
      // The import file is a .reg that sets both accounts' DefaultConnectionSettings to the current user's.
      const imported = await run(shell, `Get-MDIProxySetting -Path ${psString(out)} -Scope LocalService, LocalSystem -WarningAction SilentlyContinue | ForEach-Object { $_.Scope + '=' + $_.ProxyServer }`);
      expect(imported.value).toEqual([`LocalSystem=${PROXY}`, `LocalService=${PROXY}`]);
      const restored = await run(shell, `Get-MDIProxySetting -Path ${psString(backup)} -Scope LocalSystem -WarningAction SilentlyContinue | ForEach-Object { $_.ProxyServer }`);
      expect(restored.value).toEqual([OTHER]);
      // A second run keeps the first import file beside it.
      const again = await run(shell, `Copy-MDIProxySetting -Path ${psString(dc01)} -OutputPath ${psString(out)} -Confirm:$false`);
      expect(again.ok, again.message).toBe(true);
      const kept = readdirSync(dir).filter((f) => /^import\.reg\.\d{8}-\d{6}(-\d+)?\.bak$/.test(f));
      expect(kept.length).toBe(1);
      expect(readFileSync(join(dir, kept[0]!)).equals(written)).toBe(true);
    });

    it('-Verbose says how to import the file on the domain controller', async () => {
      const out = join(dir, 'verbose-import.reg');
      const result = await run(shell, `@(Copy-MDIProxySetting -Path ${psString(dc01)} -OutputPath ${psString(out)} -To LocalService -Confirm:$false -Verbose 4>&1 | ForEach-Object { $_.Message })`);
      expect((result.value as string[]).join('\n')).toContain(`reg import "${out}"`);
    });

    // Defect 9: the import file was written over the export it was made from.
    it.each([
      ['the same relative name', 'dc01.reg', 'dc01.reg'],
      ['./ against a bare name', 'dc01.reg', './dc01.reg'],
      ['relative against absolute', 'dc01.reg', '<dir>/dc01.reg'],
      ['through ..', '<dir>/dc01.reg', '../<leaf>/dc01.reg'],
    ])('refuses -OutputPath naming the -Path export (%s), leaving the export unchanged', async (_name, source, output) => {
      const before = readFileSync(dc01);
      const leaf = dir.split('/').pop()!;
      const fill = (p: string): string => p.replace('<dir>', dir).replace('<leaf>', leaf);
      const result = await run(shell, `Push-Location -LiteralPath ${psString(dir)}; try { ${failureOf(`Copy-MDIProxySetting -Path ${psString(fill(source))} -OutputPath ${psString(fill(output))} -Confirm:$false`)} } finally { Pop-Location }`);
      const [failure] = result.value as Failure[];
      expect(failure!.caught).toBe('MDI_INVALID_ARGUMENT,Copy-MDIProxySetting');
      expect(failure!.category).toBe('InvalidArgument');
      expect(failure!.message).toMatch(/-OutputPath and -Path name the same file/);
      expect(readFileSync(dc01).equals(before)).toBe(true);
      expect(readdirSync(dir).filter((f) => f.startsWith('dc01.reg.'))).toEqual([]);
    });

    it('refuses -BackupPath naming the export, and -OutputPath naming the backup', async () => {
      const sameBackup = await run(shell, failureOf(`Copy-MDIProxySetting -Path ${psString(dc01)} -OutputPath ${psString(join(dir, 'x.reg'))} -BackupPath ${psString(dc01)} -Confirm:$false`));
      expect((sameBackup.value as Failure[])[0]!.caught).toBe('MDI_INVALID_ARGUMENT,Copy-MDIProxySetting');
      expect((sameBackup.value as Failure[])[0]!.message).toMatch(/-BackupPath and -Path name the same file/);
      const sameOut = await run(shell, failureOf(`Copy-MDIProxySetting -Path ${psString(dc01)} -OutputPath ${psString(join(dir, 'x.reg'))} -BackupPath ${psString(join(dir, 'x.reg'))} -Confirm:$false`));
      expect((sameOut.value as Failure[])[0]!.message).toMatch(/-OutputPath and -BackupPath name the same file/);
      expect(existsSync(join(dir, 'x.reg'))).toBe(false);
    });

    const copyFailures = [
      ['-Path without -OutputPath', 'MDI_INVALID_ARGUMENT', `-Path <dc01>`],
      ['-OutputPath without -Path', 'MDI_INVALID_ARGUMENT', `-OutputPath <dir>/y.reg`],
      ['online off Windows', 'MDI_REGISTRY_UNAVAILABLE', ''],
      ['a missing export', 'MDI_FILE_NOT_FOUND', `-Path <dir>/none.reg -OutputPath <dir>/y.reg`],
      ['an output folder that does not exist', 'MDI_WRITE_FAILED', `-Path <dc01> -OutputPath <dir>/no-such-folder/y.reg`],
    ];
    const fill = (args: string): string => args.replace('<dc01>', psString(dc01)).replace(/<dir>\/(\S+)/g, (_m, rest: string) => psString(join(dir, rest)));
    it.each(copyFailures)('%s stops with %s, writing nothing', async (_name, id, args) => {
      const result = await run(shell, failureOf(`Copy-MDIProxySetting ${fill(args!)} -Confirm:$false`));
      const [failure] = result.value as Failure[];
      expect(failure!.caught).toBe(`${id},Copy-MDIProxySetting`);
      expect(failure!.output).toBe(0);
      expect(existsSync(join(dir, 'y.reg'))).toBe(false);
    });

    it(`-ErrorVariable holds exactly one MDI_* record per failure`, async () => {
      for (const [, id, args] of copyFailures) {
        const [failure] = (await run(shell, failureOf(`Copy-MDIProxySetting ${fill(args!)} -Confirm:$false`))).value as Failure[];
        expectOneRecord(failure!, id!, 'Copy-MDIProxySetting');
      }
    });

    // Defect 11: under -NonInteractive, a ConfirmImpact High command without -Confirm:$false cannot ask.
    it('without -Confirm:$false in a non-interactive session: one MDI_CONFIRMATION_REQUIRED record naming -Confirm:$false, nothing written', async () => {
      const out = join(dir, 'unconfirmed.reg');
      const result = await run(shell, failureOf(`Copy-MDIProxySetting -Path ${psString(dc01)} -OutputPath ${psString(out)}`));
      const [failure] = result.value as Failure[];
      expect(failure!.caught).toBe('MDI_CONFIRMATION_REQUIRED,Copy-MDIProxySetting');
      expect(failure!.category).toBe('InvalidOperation');
      expect(failure!.message).toContain('-Confirm:$false');
      expect(failure!.message).not.toMatch(/Exception calling|MethodInvocation/);
      expect(existsSync(out)).toBe(false);
    });
  });
});
