// The NTLM verifier's life cycle (tests/harness/samba.ts): it leaves no process behind,
// whether stopped or orphaned by a crashed test run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startNtlmVerifier } from '../harness/samba.js';
import { waitFor } from '../harness/index.js';

const STANDALONE = fileURLToPath(new URL('../harness/standalone.mjs', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mdi-ntlm-verifier-'));
  dirs.push(dir);
  return dir;
}

interface Proc { pid: number; ppid: number; state: string; start: string }

function processTable(): Proc[] {
  const table: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the parenthesised name: state ppid ... starttime (22nd field overall).
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.push({ pid: Number(entry), state: fields[0]!, ppid: Number(fields[1]), start: fields[19]! });
    } catch {
      // exited while we looked
    }
  }
  return table;
}

/** A process and all its descendants, with start times so a reused pid is not mistaken for one of them. */
function tree(root: number): Proc[] {
  const table = processTable();
  const found = table.filter((proc) => proc.pid === root);
  for (let i = 0; i < found.length && i < 1000; i++) found.push(...table.filter((proc) => proc.ppid === found[i]!.pid));
  return found;
}

/** Those of `procs` still running (zombies count as gone: they run nothing and hold nothing). */
async function stillRunning(procs: Proc[]): Promise<number[]> {
  const now = new Map(processTable().map((proc) => [proc.pid, proc]));
  return procs.filter((proc) => {
    const current = now.get(proc.pid);
    return current !== undefined && current.start === proc.start && current.state !== 'Z';
  }).map((proc) => proc.pid);
}

describe('NTLM verifier life cycle', () => {
  it('stop() ends the domain controller and its winbindd', async () => {
    const dir = scratch();
    const verifier = await startNtlmVerifier(dir);
    const procs = tree(verifier.pid);
    expect(procs.length).toBeGreaterThanOrEqual(3); // samba, its winbindd task, winbindd itself
    await verifier.stop();
    expect(await waitFor(() => stillRunning(procs), (pids) => pids.length === 0, 10_000)).toEqual([]);
  }, 120_000);

  it('dies with a test run that is killed outright (SIGKILL: no cleanup code runs)', async () => {
    const dir = scratch();
    const script = `import { loadHarnessModule } from ${JSON.stringify(STANDALONE)};
      const { startNtlmVerifier } = await loadHarnessModule();
      const verifier = await startNtlmVerifier(${JSON.stringify(dir)});
      console.log('ready ' + verifier.pid);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const sambaPid = await new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(0), 100_000);
      child.stdout.on('data', (chunk: Buffer) => {
        const ready = /ready (\d+)/.exec(chunk.toString());
        if (ready) {
          clearTimeout(timer);
          resolve(Number(ready[1]));
        }
      });
      child.once('exit', () => resolve(0));
    });
    try {
      expect(sambaPid).toBeGreaterThan(0);
      const procs = tree(sambaPid);
      expect(procs.length).toBeGreaterThanOrEqual(3);
      child.kill('SIGKILL');
      expect(await waitFor(() => stillRunning(procs), (pids) => pids.length === 0, 15_000)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
