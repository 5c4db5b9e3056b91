// The proxy password must never show up in any process's argv or in the engine's
// environment, nor in anything the engine prints, whatever the outcome.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { invokeEngine, runEngine, type EngineRun } from '../support/engine.js';

const h = inject('harness');
const [svc] = h.credentials.basic;
const silent = h.targets.silent;

/** Every form the secret could leak in: as typed, and inside a Basic token. */
function forms(user: string, password: string): string[] {
  return [password, Buffer.from(`${user}:${password}`).toString('base64'), Buffer.from(password, 'utf16le').toString('base64')];
}

/** Reads argv of every process, and the environment of `envPids`, until `done` settles (bounded). */
async function watchProcesses(done: Promise<EngineRun>, envPids: () => number[]): Promise<{ scans: number; texts: string[] }> {
  let finished = false;
  void done.finally(() => (finished = true));
  const texts: string[] = [];
  let scans = 0;
  const until = Date.now() + 15_000;
  while (!finished && Date.now() < until) {
    const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
    for (const pid of pids) texts.push(await readFile(`/proc/${pid}/cmdline`, 'latin1').catch(() => ''));
    for (const pid of envPids()) texts.push(await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => ''));
    scans++;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { scans, texts };
}

describe('the proxy password', () => {
  it('travels on stdin only: absent from all argv, the engine environment and the output while it authenticates', async () => {
    let enginePid = -1;
    const run = invokeEngine(
      { sensorApiUrl: silent.url, proxyUrl: h.squid.urls.basic, proxyUser: svc!.user, proxyPassword: svc!.password, timeoutSec: 2, trustedRoots: [h.pki.root.certPem] },
      { onSpawn: (pid) => (enginePid = pid) },
    );
    const watched = await watchProcesses(run, () => [enginePid]);
    const result = await run;
    // It did authenticate (the silent target is reached through the tunnel), and lived long enough to be watched.
    expect(result.stdout).toContain('"authScheme":"Basic"');
    expect(watched.scans).toBeGreaterThan(5);
    expect(watched.texts.join('\n')).toContain('mdi-connectivity.mjs');
    for (const secret of forms(svc!.user, svc!.password)) {
      expect(watched.texts.some((text) => text.includes(secret))).toBe(false);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });

  it.each([
    ['rejected credentials', { proxyUrl: h.squid.urls.basic, proxyUser: svc!.user }],
    ['NTLM handshake', { proxyUrl: h.squid.urls.ntlm, proxyUser: 'CONTOSO\\svc-mdi' }],
    ['an invalid proxy URL', { proxyUrl: 'socks5://127.0.0.1:1', proxyUser: svc!.user }],
    ['a proxy that answers garbage', { proxyUrl: h.misbehaving.garbage.url, proxyUser: svc!.user }],
  ])('stays out of the output on %s', async (_name, extra) => {
    const password = `Zq;"@-${Math.random().toString(36).slice(2)}`;
    const result = await invokeEngine({ sensorApiUrl: h.targets.ok.url, trustedRoots: [h.pki.root.certPem], timeoutSec: 5, ...extra, proxyPassword: password });
    expect(result.stdout.length).toBeGreaterThan(0);
    for (const secret of forms(extra.proxyUser, password)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('can come from MDI_PROXY_PASSWORD for humans, and still never appears in argv or output', async () => {
    const env = { ...process.env, MDI_PROXY_PASSWORD: svc!.password };
    const args = ['test', '--sensor-api-url', h.targets.ok.url, '--proxy-url', h.squid.urls.basic, '--proxy-user', svc!.user, '--trusted-root', h.pki.root.certPath, '--verbose'];
    const run = runEngine(args, { env });
    const watched = await watchProcesses(run, () => []);
    const result = await run;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Verdict\s+Pass/);
    for (const secret of forms(svc!.user, svc!.password)) {
      expect(watched.texts.some((text) => text.includes(secret))).toBe(false);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });

  it('is asked for, not guessed, when a user is given without one', async () => {
    const env = { ...process.env };
    delete env.MDI_PROXY_PASSWORD;
    const result = await runEngine(['test', '--sensor-api-url', h.targets.ok.url, '--proxy-url', h.squid.urls.basic, '--proxy-user', svc!.user], { env, stdin: '' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^ERROR MDI_PROXY_PASSWORD_MISSING: No password for proxy user 'CONTOSO\\svc-mdi'/m);
  });
});
