// Readers for the harness's log files. The peers live in the process that ran
// globalSetup (or bench's own process); tests run in vitest fork workers, so
// everything observable is written to files and read back from here.
import { readFile } from 'node:fs/promises';
import type { TargetEvent } from './https-targets.js';
import type { ProxyHead } from './misbehaving-proxy.js';
import { sleep } from './net-util.js';

export async function readJsonLines<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Everything a target server saw (connections, TLS handshakes, requests), oldest first. */
export const readTargetEvents = (logPath: string): Promise<TargetEvent[]> => readJsonLines<TargetEvent>(logPath);

/** Request heads a misbehaving proxy received, oldest first. */
export const readProxyHeads = (logPath: string): Promise<ProxyHead[]> => readJsonLines<ProxyHead>(logPath);

/**
 * Poll `read` until `accept` is true (bounded: timeoutMs, at most 200 polls).
 * Squid writes an access.log line when a tunnel CLOSES, so a test that checks
 * it right after its request finished may need to wait a little.
 */
export async function waitFor<T>(read: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  for (let i = 0; i < 200 && !accept(last) && Date.now() < deadline; i++) {
    await sleep(Math.max(10, Math.min(100, timeoutMs / 50)));
    last = await read();
  }
  return last;
}
