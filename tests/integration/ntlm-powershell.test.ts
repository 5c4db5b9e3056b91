// The admin's path to NTLM: Test-MDIConnectivity -ProxyCredential in real PowerShell, against
// the proxy whose NTLM a real domain controller checks (tests/harness/samba.ts).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { psString, skipPwsh, useModuleShell } from '../support/pwsh.js';

const h = inject('harness');
const { user, upn, password } = h.credentials.ntlm;

describe.skipIf(skipPwsh)('Test-MDIConnectivity -ProxyCredential through a DC-verified NTLM proxy', () => {
  const ps = useModuleShell();

  const probe = (account: string, secret: string) => ps(`$c = [pscredential]::new(${psString(account)}, (ConvertTo-SecureString ${psString(secret)} -AsPlainText -Force)); ` +
    `Test-MDIConnectivity -SensorApiUrl ${psString(h.targets.ok.url)} -ProxyUrl ${psString(h.squid.urls.ntlm)} -ProxyCredential $c ` +
    `-TrustedRootCertificate ${psString(h.pki.root.certPath)} -SkipAllowlist -TimeoutSec 10 | ` +
    `ForEach-Object { [pscustomobject]@{ verdict = [string]$_.Verdict; scheme = [string]$_.ProxyAnswer.AuthScheme; text = ($_ | Out-String -Width 300) } }`);

  it.each([
    ['DOMAIN\\user', 'Pass', user, password],
    ['user@domain', 'Pass', upn, password],
    ['DOMAIN\\user, wrong password', 'ProxyAuthFailed', user, `${password}!`],
    ['user@domain, wrong password', 'ProxyAuthFailed', upn, `${password}!`],
  ])('%s gives %s', async (_case, verdict, account, secret) => {
    const result = await probe(account, secret);
    expect(result.ok, result.message).toBe(true);
    const [check] = result.value as Array<{ verdict: string; scheme: string; text: string }>;
    expect(check!.verdict, check!.text).toBe(verdict);
    expect(check!.scheme).toBe('NTLM');
    expect(check!.text).not.toContain(secret);
  }, 60_000);
});
