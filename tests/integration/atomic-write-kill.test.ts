// The engine's one writer (src/io/atomic-write.ts), killed at each of its steps. No hook in the
// product: the real engine runs `sensor-config set` under strace, and strace delivers SIGKILL on
// entry to the n-th fsync/rename/unlink of that run (syscall fault injection: the syscall never
// runs, nothing after it runs). After every kill the file is the old one or the new one, whole,
// every visible backup is the old file, whole, with the file's mode, and the next write completes
// and sweeps what the killed one left. strace is required (scripts/setup.sh installs it): no skip.
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_LIMIT } from '../../src/io/backups.js';
import { RENAME_RETRY_DELAYS_MS } from '../../src/io/durable.js';
import { interpret } from '../../src/sensor-config/config-file.js';
import { planProxyEdit } from '../../src/sensor-config/proxy-edit.js';
import { runEngine } from '../support/engine.js';
import { LAYOUTS, sensorConfigText } from '../support/sensor-fixtures.js';

const NAME = 'SensorConfiguration.json';
const MODE = 0o640;
const BACKUP = /^SensorConfiguration\.json\.\d{8}-\d{6}(-\d+)?\.bak$/;
const TEMP = /^\.SensorConfiguration\.json\.(\d{8}-\d{6}(-\d+)?\.bak\.)?\d+\.tmp$/;

interface Step {
  step: string;
  /** strace -e inject=<syscall>:<action>:when=<when> */
  syscall: 'fsync' | 'rename' | 'unlink';
  when: string;
  /** Which file the target is after the kill. */
  leaves: 'old' | 'new';
  /** Whether this run's backup is already visible under its final name. */
  backupVisible: boolean;
  seedBackups?: number;
}

// The writer's syscalls, in order (seen with strace -e trace=fsync,rename,unlink on a clean folder):
// fsync(backup temp) rename(backup temp → .bak) fsync(new temp) rename(new temp → file) fsync(folder)
// [read back] unlink(oldest backups beyond the limit).
const STEPS: Step[] = [
  { step: 'backup copied to its temp file, not yet flushed', syscall: 'fsync', when: '1', leaves: 'old', backupVisible: false },
  { step: 'backup flushed, before its rename into place', syscall: 'rename', when: '1', leaves: 'old', backupVisible: false },
  { step: 'after the backup: new file written to its temp, not yet flushed', syscall: 'fsync', when: '2', leaves: 'old', backupVisible: true },
  { step: 'new file flushed, before the rename over the target', syscall: 'rename', when: '2', leaves: 'old', backupVisible: true },
  { step: 'after the rename, before the folder is flushed', syscall: 'fsync', when: '3', leaves: 'new', backupVisible: true },
  { step: `after the read-back, pruning backups beyond ${BACKUP_LIMIT}`, syscall: 'unlink', when: '1', leaves: 'new', backupVisible: true, seedBackups: BACKUP_LIMIT },
];

function freshConfig(seedBackups = 0): { dir: string; path: string; before: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'mdi-atomic-'));
  const path = join(dir, NAME);
  writeFileSync(path, sensorConfigText(LAYOUTS[0]!, 'null', 'AB'.repeat(20)));
  chmodSync(path, MODE);
  for (let i = 0; i < seedBackups; i += 1) writeFileSync(join(dir, `${NAME}.20200101-0000${String(i).padStart(2, '0')}.bak`), `old backup ${i}`);
  return { dir, path, before: readFileSync(path) };
}

const intendedAfter = (path: string, before: Buffer, url: string) => Buffer.from(planProxyEdit(interpret(path, before), { url }).bytes);

/** `sensor-config set` under strace with one injection; the trace is returned to show where it landed. */
async function setUnderStrace(path: string, url: string, inject: string) {
  const trace = join(tmpdir(), `mdi-atomic-trace-${process.pid}-${Date.now()}.txt`);
  // No --seccomp-bpf: with it strace 6.1 traced these syscalls but did not inject into them.
  const wrap = ['strace', '-f', '-qq', '-o', trace, '-e', 'trace=fsync,rename,renameat,renameat2,unlink,unlinkat', '-e', `inject=${inject}`];
  const run = await runEngine(['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', url], { wrap });
  const text = readFileSync(trace, 'utf8');
  rmSync(trace);
  return { ...run, trace: text };
}

const backupsIn = (dir: string) => readdirSync(dir).filter((name) => BACKUP.test(name));

describe('the atomic writer killed at every step (SIGKILL injected by strace)', () => {
  it.each(STEPS)('$step: old or new file whole, backup restores the old one', { timeout: 60_000 }, async ({ syscall, when, leaves, backupVisible, seedBackups }) => {
    const { dir, path, before } = freshConfig(seedBackups);
    const url = `http://killed-at-${syscall}-${when}.contoso.com:8080`;
    const intended = intendedAfter(path, before, url);
    const seeded = new Set(backupsIn(dir));

    const killed = await setUnderStrace(path, url, `${syscall}:signal=SIGKILL:when=${when}`);
    // The kill landed where intended: on the entry of that syscall, which never returned.
    expect(killed.exitCode, killed.stderr).not.toBe(0);
    expect(killed.trace).toMatch(new RegExp(`^\\d+ +(${syscall}\\(.*|<\\.\\.\\. ${syscall} resumed>)\\) += \\?$`, 'm'));
    expect(killed.trace).toContain('+++ killed by SIGKILL +++');

    const after = readFileSync(path);
    expect(after.equals(leaves === 'old' ? before : intended), `the file is not the ${leaves} one`).toBe(true);
    expect(() => JSON.parse(after.toString('utf8'))).not.toThrow();
    expect(statSync(path).mode & 0o7777).toBe(MODE);

    for (const name of readdirSync(dir)) expect(name === NAME || BACKUP.test(name) || TEMP.test(name), `unexpected file ${name}`).toBe(true);
    const fresh = backupsIn(dir).filter((name) => !seeded.has(name));
    expect(fresh).toHaveLength(backupVisible ? 1 : 0);
    for (const name of fresh) {
      const backup = join(dir, name);
      expect(readFileSync(backup).equals(before), `${name} is not the old file`).toBe(true);
      expect(statSync(backup).mode & 0o7777).toBe(MODE);
      // Restoring is copying it back (elsewhere here, to leave the folder as the kill left it).
      const restored = join(mkdtempSync(join(tmpdir(), 'mdi-restore-')), NAME);
      copyFileSync(backup, restored);
      expect(readFileSync(restored).equals(before)).toBe(true);
      expect(JSON.parse(readFileSync(restored, 'utf8')).SensorProxyConfiguration).toBeNull();
    }

    // The next write, uninterrupted, completes from whatever the kill left, sweeps the killed
    // writer's temp files and keeps at most BACKUP_LIMIT backups.
    const now = readFileSync(path);
    const next = await runEngine(['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'http://after-the-kill:3128']);
    expect(next.exitCode, next.stderr).toBe(0);
    expect(readFileSync(path).equals(intendedAfter(path, now, 'http://after-the-kill:3128'))).toBe(true);
    expect(statSync(path).mode & 0o7777).toBe(MODE);
    expect(readdirSync(dir).filter((name) => TEMP.test(name))).toEqual([]);
    expect(backupsIn(dir).length).toBeLessThanOrEqual(BACKUP_LIMIT);
  });
});

describe('the atomic writer when the rename is refused (EBUSY injected by strace)', () => {
  it('retries a busy target and succeeds once it is free', { timeout: 60_000 }, async () => {
    const { dir, path, before } = freshConfig();
    const url = 'http://busy-then-free:8080';
    // rename #1 is the backup's; #2..#4 are the first three tries over the target.
    const run = await setUnderStrace(path, url, 'rename:error=EBUSY:when=2..4');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.trace.match(/= -1 EBUSY .*\(INJECTED\)$/gm)).toHaveLength(3);
    expect(readFileSync(path).equals(intendedAfter(path, before, url))).toBe(true);
    expect(readdirSync(dir).filter((name) => TEMP.test(name))).toEqual([]);
  });

  it('gives up after a bounded number of tries: MDI_WRITE_FAILED, the old file, no temp or new backup left', { timeout: 60_000 }, async () => {
    const { dir, path, before } = freshConfig();
    const run = await setUnderStrace(path, 'http://always-busy:8080', 'rename:error=EBUSY:when=2+');
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/MDI_WRITE_FAILED/);
    expect(run.stderr).toMatch(/\(EBUSY\); nothing was replaced/);
    expect(run.trace.match(/= -1 EBUSY .*\(INJECTED\)$/gm)).toHaveLength(RENAME_RETRY_DELAYS_MS.length + 1);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([NAME]);
  });
});
