// The module's writer (module/Private/Write-MDIFileSafely.ps1) in a real pwsh, held to the same rules as the
// engine's (src/io): backup naming and pruning (checked with the engine's own reader of those names), mode
// kept, read-back verification, bounded retry and nothing lost when the swap fails. Faults come from strace
// attached to the running pwsh (syscall delay and error injection), not from hooks in the module.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_LIMIT, backupStamp, listBackups } from '../../src/io/backups.js';
import { RENAME_RETRY_DELAYS_MS } from '../../src/io/durable.js';
import { moduleShell, psString, run, skipPwsh } from '../support/pwsh.js';
import { regExport } from '../support/reg-fixtures.js';

const LEAF = 'proxy-backup.reg';
const TEMP = /^\.proxy-backup\.reg\..*\d+\.tmp$/;

let shell: PowerShell;
let pwshPid: number;

beforeAll(async () => {
  if (skipPwsh) return;
  shell = await moduleShell();
  pwshPid = Number((await run(shell, '$PID')).value);
}, 60_000);
afterAll(async () => {
  await shell?.dispose();
});

/** Calls the private writer inside the module; the envelope carries the backup path or the error it returns. */
const write = (path: string, text: string) =>
  run(shell, `& (Get-Module MDIConnectivity) { param($p, $b) $r = Write-MDIFileSafely -Path $p -Content $b; if ($r -is [System.Management.Automation.ErrorRecord]) { throw $r }; $r } ${psString(path)} ([System.Text.Encoding]::UTF8.GetBytes(${psString(text)}))`);

function folderWith(content: string | null, mode = 0o640): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mdi-pwsh-write-'));
  const path = join(dir, LEAF);
  if (content !== null) {
    writeFileSync(path, content);
    chmodSync(path, mode);
  }
  return { dir, path };
}

/** strace attached to the test's pwsh (all its threads) for the duration of `action`. */
async function underStrace<T>(inject: string, action: () => Promise<T>): Promise<{ result: T; trace: string }> {
  const traceFile = join(tmpdir(), `mdi-pwsh-trace-${process.pid}-${Date.now()}.txt`);
  const tracer: ChildProcess = spawn('strace', ['-f', '-p', String(pwshPid), '-o', traceFile, '-e', 'trace=rename,renameat,renameat2', '-e', `inject=${inject}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let attachLog = '';
  tracer.stderr!.on('data', (chunk: Buffer) => (attachLog += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (!/attached/.test(attachLog) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!/attached/.test(attachLog)) throw new Error(`strace did not attach: ${attachLog}`);
  try {
    const result = await action();
    return { result, trace: readFileSync(traceFile, 'utf8') };
  } finally {
    const exited = new Promise((resolve) => tracer.once('exit', resolve));
    tracer.kill('SIGTERM'); // strace detaches and leaves the pwsh running
    await exited;
    rmSync(traceFile, { force: true });
  }
}

describe.skipIf(skipPwsh)('Write-MDIFileSafely in real pwsh: the same rules as the engine', () => {
  it('writes a new file: no backup, no temp file left', async () => {
    const { dir, path } = folderWith(null);
    const answer = await write(path, 'first');
    expect(answer.ok, answer.message).toBe(true);
    expect(answer.value).toEqual([null]);
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual([LEAF]);
  });

  it('keeps a whole backup named <name>.<UTC yyyyMMdd-HHmmss>.bak, with the mode of the file, and keeps the mode', async () => {
    const { dir, path } = folderWith('old contents', 0o640);
    const before = backupStamp(new Date());
    const answer = await write(path, 'new contents');
    const after = backupStamp(new Date());
    expect(answer.ok, answer.message).toBe(true);
    const backups = listBackups(dir, LEAF);
    expect(backups).toHaveLength(1);
    expect(answer.value).toEqual([join(dir, backups[0]!.name)]);
    expect(backups[0]!.stamp >= before && backups[0]!.stamp <= after, `${backups[0]!.stamp} not between ${before} and ${after} (UTC)`).toBe(true);
    expect(readFileSync(join(dir, backups[0]!.name), 'utf8')).toBe('old contents');
    expect(readFileSync(path, 'utf8')).toBe('new contents');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    expect(statSync(join(dir, backups[0]!.name)).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir).filter((name) => TEMP.test(name))).toEqual([]);
  });

  it('numbers a further backup within the same second -1, -2, ... as the engine reads them', async () => {
    const { dir, path } = folderWith('old');
    // Every second of the next few is taken already, so whichever second the write lands in, it must number.
    const now = Date.now();
    const stamps = Array.from({ length: 6 }, (_, i) => backupStamp(new Date(now + i * 1000)));
    for (const stamp of stamps) writeFileSync(join(dir, `${LEAF}.${stamp}.bak`), 'seeded');
    const answer = await write(path, 'new');
    expect(answer.ok, answer.message).toBe(true);
    const made = listBackups(dir, LEAF).filter((backup) => backup.sequence > 0);
    expect(made).toHaveLength(1);
    expect(made[0]!.sequence).toBe(1);
    expect(stamps).toContain(made[0]!.stamp);
    expect(readFileSync(join(dir, made[0]!.name), 'utf8')).toBe('old');
  });

  it(`keeps at most ${BACKUP_LIMIT} backups (the engine's limit), removing the oldest by time then number, nothing else`, async () => {
    const { dir, path } = folderWith('current');
    const seeded = [
      '20200101-000000.bak', '20200101-000000-2.bak', '20200101-000000-1.bak', '20200101-000001.bak', '20200102-000000.bak',
      '20200103-000000.bak', '20200104-000000.bak', '20200105-000000.bak', '20200106-000000.bak', '20200107-000000.bak',
      '20200108-000000.bak', '20200109-000000.bak',
    ].map((suffix) => `${LEAF}.${suffix}`);
    for (const name of seeded) writeFileSync(join(dir, name), name);
    const strangers = [`${LEAF}.old.bak`, `${LEAF}.2020.bak`, `other.reg.20190101-000000.bak`];
    for (const name of strangers) writeFileSync(join(dir, name), 'not a backup of ours');
    const answer = await write(path, 'next');
    expect(answer.ok, answer.message).toBe(true);
    const kept = listBackups(dir, LEAF).map((backup) => backup.name);
    expect(kept).toHaveLength(BACKUP_LIMIT);
    // 12 seeded + 1 new = 13: the three oldest go, and '-1', '-2' are newer than the plain name of their second.
    expect(kept).not.toContain(`${LEAF}.20200101-000000.bak`);
    expect(kept).not.toContain(`${LEAF}.20200101-000000-1.bak`);
    expect(kept).not.toContain(`${LEAF}.20200101-000000-2.bak`);
    expect(kept).toContain(`${LEAF}.20200101-000001.bak`);
    for (const name of strangers) expect(readFileSync(join(dir, name), 'utf8')).toBe('not a backup of ours');
  });

  it('a file changed by someone else between the swap and the read-back: MDI_WRITE_FAILED naming the backup', { timeout: 60_000 }, async () => {
    const { dir, path } = folderWith('old contents');
    // Each rename returns 1.5 s late: the test changes the file in that window, as a concurrent editor would.
    const { result } = await underStrace('rename,renameat,renameat2:delay_exit=1500000', async () => {
      const pending = write(path, 'new contents');
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && readFileSync(path, 'utf8') !== 'new contents') await new Promise((resolve) => setTimeout(resolve, 10));
      writeFileSync(path, 'someone else');
      return pending;
    });
    expect(result.ok).toBe(false);
    expect(result.id).toMatch(/^MDI_WRITE_FAILED/);
    const backup = listBackups(dir, LEAF)[0]!;
    expect(result.message).toContain(`does not read back as written`);
    expect(result.message).toContain(join(dir, backup.name));
    expect(readFileSync(join(dir, backup.name), 'utf8')).toBe('old contents');
  });

  it('retries a busy target (EBUSY) and succeeds once it is free', { timeout: 60_000 }, async () => {
    const { dir, path } = folderWith('old');
    // rename #1 (of this thread) is the backup's; #2..#4 are the first three tries over the target.
    const { result, trace } = await underStrace('rename:error=EBUSY:when=2..4', () => write(path, 'new'));
    expect(result.ok, result.message).toBe(true);
    expect(trace.match(/= -1 EBUSY .*\(INJECTED\)$/gm)).toHaveLength(3);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((name) => TEMP.test(name))).toEqual([]);
  });

  it('gives up after the bounded back-off: MDI_WRITE_FAILED, the old file, no temp file or new backup left', { timeout: 60_000 }, async () => {
    const { dir, path } = folderWith('old');
    const { result, trace } = await underStrace('rename:error=EBUSY:when=2+', () => write(path, 'new'));
    expect(result.ok).toBe(false);
    expect(result.id).toMatch(/^MDI_WRITE_FAILED/);
    expect(result.message).toMatch(/Nothing was replaced/);
    expect(trace.match(/= -1 EBUSY .*\(INJECTED\)$/gm)).toHaveLength(RENAME_RETRY_DELAYS_MS.length + 1);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual([LEAF]);
  });

  it('Copy-MDIProxySetting offline without -BackupPath still writes the restoring .reg first, beside the import file', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdi-pwsh-copy-'));
    const source = join(dir, 'export.reg');
    writeFileSync(source, regExport({ CurrentUser: { proxyServer: 'proxy.contoso.com:8080' }, LocalSystem: { proxyServer: 'old.contoso.com:3128' } }));
    const out = join(dir, 'fix.reg');
    const answer = await run(shell, `Copy-MDIProxySetting -To LocalSystem -Path ${psString(source)} -OutputPath ${psString(out)} -PassThru -Confirm:$false | Select-Object BackupPath, OutputPath`);
    expect(answer.ok, answer.message).toBe(true);
    expect(answer.value).toEqual([{ BackupPath: join(dir, 'fix.backup.reg'), OutputPath: out }]);
    expect(readFileSync(join(dir, 'fix.backup.reg'), 'utf16le')).toMatch(/HKEY_USERS\\S-1-5-18/);
    expect(statSync(join(dir, 'fix.backup.reg')).mtimeMs).toBeLessThanOrEqual(statSync(out).mtimeMs);
  });
});
