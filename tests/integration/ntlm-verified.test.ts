// NTLM through the real engine against a proxy whose verifier is a real domain controller
// (Samba AD DC behind winbind's ntlm_auth, see tests/harness/samba.ts): the right password
// passes, any other is refused, and both ways Windows writes an account work.
import { describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { TestRequest } from '../../src/contract/types.js';
import { waitFor } from '../harness/index.js';
import { asTest, invokeEngine } from '../support/engine.js';

const h = inject('harness');
const { user, upn, password } = h.credentials.ntlm;

async function probe(proxyUser: string, proxyPassword: string) {
  const request: Omit<TestRequest, 'schemaVersion' | 'command'> = {
    sensorApiUrl: h.targets.ok.url, proxyUrl: h.squid.urls.ntlm, trustedRoots: [h.pki.root.certPem], timeoutSec: 10,
    proxyUser, proxyPassword,
  };
  const run = await invokeEngine(request);
  const [result] = asTest(run.response).checks;
  return result!;
}

/** How many requests Squid's access.log credits to an account (the name the verifier returned; Squid doubles '\\'). */
async function creditedTo(account: string): Promise<number> {
  const log = await readFile(h.squid.files.ntlm.accessLog, 'utf8');
  return log.split('\n').filter((line) => line.trim().split(/\s+/)[7]?.replace(/\\\\/g, '\\') === account).length;
}

describe(`NTLM verified by ${h.ntlmVerifier.kind} ${h.ntlmVerifier.version}`, () => {
  it.each([
    ['DOMAIN\\user', user],
    ['user@domain (UPN)', upn],
    ['dns.domain\\user', `${upn.split('@')[1]}\\${upn.split('@')[0]}`],
    ['bare user (the proxy\'s domain)', upn.split('@')[0]!],
  ])('the right password in %s form passes', async (_form, account) => {
    const before = await creditedTo(user);
    const result = await probe(account, password);
    expect(result.verdict, result.detail).toBe('Pass');
    expect(result.proxyAnswer?.authScheme).toBe('NTLM');
    expect(result.phases.map((phase) => phase.name)).toContain('proxyAuth');
    // The DC resolved the account: Squid credits CONTOSO\svc-mdi whichever form was sent.
    // Squid logs when the tunnel closes, a moment after the engine's answer.
    expect(await waitFor(() => creditedTo(user), (count) => count > before)).toBeGreaterThan(before);
  });

  it.each([
    ['DOMAIN\\user', user, `${password}x`],
    ['user@domain (UPN)', upn, `${password}x`],
    ['DOMAIN\\user, password in other case', user, password.toUpperCase()],
    ['an account the domain does not have', 'CONTOSO\\nobody', password],
  ])('a wrong password (%s) is ProxyAuthFailed', async (_case, account, wrong) => {
    const result = await probe(account, wrong);
    expect(result.verdict, result.detail).toBe('ProxyAuthFailed');
    expect(result.detail).toContain(`rejected NTLM credentials for '${account}'`);
    expect(result.detail).not.toContain(wrong);
  });
});
