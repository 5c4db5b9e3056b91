// What every bench script needs: a child process timed from spawn to exit, medians, and one number format.
import { spawn } from 'node:child_process';

/** Runs a command to its end (killed after timeoutMs) and reports its output and wall time. */
export function timed(command, args, { env = process.env, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function fmt(ms) {
  return ms.toFixed(1);
}

/** A difference with its sign: +3.2 or -1.8. */
export function signed(ms) {
  return `${ms < 0 ? '-' : '+'}${fmt(Math.abs(ms))}`;
}
