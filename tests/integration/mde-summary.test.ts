// mde-test keeps the Client Analyzer's rule (exit 0 when every URL is reachable on at least one route),
// but its summary line names each route that failed and how many URLs it failed, so "every URL
// reachable" never stands beside a route that failed most of them. Real peers: the catalog stand-ins
// direct, and Squid with ssl-bump as the command-line proxy (as in the demo).
import { describe, expect, inject, it } from 'vitest';
import { runEngine } from '../support/engine.js';

const h = inject('harness');
const endpoints = h.endpoints;
const available = endpoints.address !== null;
if (!available) console.warn(`[mde summary tests] skipped: ${'reason' in endpoints ? endpoints.reason : ''}`);
const resolve = available ? endpoints.hosts.flatMap((host) => ['--resolve', `${host}:*:${endpoints.address}`]) : [];

describe.skipIf(!available)('mde-test summary', () => {
  it('passes on the direct route, and names the inspecting command-line proxy route with its count', { timeout: 90_000 }, async () => {
    const run = await runEngine(['mde-test', '--region', 'UK', '--proxy-url', h.squid.urls.bump, '--trusted-root', h.pki.root.certPath, ...resolve]);
    expect(run.exitCode, run.stderr).toBe(0);
    const head = run.stdout.split('\n')[0]!;
    const named = /^Defender for Endpoint UK: every URL reachable on at least one route, but route (\d) \(([^)]+)\) failed (\d+) of (\d+) URLs \((\d+) URLs, /.exec(head);
    expect(named, head).not.toBeNull();
    const [, number, label, failed, total, count] = named!;
    expect(Number(failed)).toBeGreaterThan(0);
    expect(total).toBe(count);
    // The same route and count as its own line under Routes.
    expect(run.stdout).toMatch(new RegExp(`^ {2}${number} ${label!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${failed} of ${total} URLs failed: `, 'm'));
    expect(run.stdout).toMatch(/TlsInspected/);
  });

  it('says so plainly when no route failed', { timeout: 90_000 }, async () => {
    const run = await runEngine(['mde-test', '--region', 'UK', '--trusted-root', h.pki.root.certPath, ...resolve]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Defender for Endpoint UK: every URL reachable on every route that exists \(/);
    expect(run.stdout).not.toMatch(/URLs failed: /);
  });
});
