// The fleet commands against a real fleet: four DCs in their own network namespaces, each with its own sshd
// (PowerShell subsystem), reached from an admin namespace over SSH remoting; Squid and the sensor API look-alike
// in their own namespaces. Every DC situation of issue 12: passes, proxy needs credentials, TLS inspection,
// module not installed (copied over for the run), and a name that does not answer.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PowerShell } from 'node-powershell';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleShell, psArray, psString, run, skipPwsh } from '../support/pwsh.js';
import { namespacesWith, startFleet, type Fleet } from './topology.js';

const execFileP = promisify(execFile);

interface Result {
  ComputerName: string;
  Category: string;
  Verdict: string;
  Passed: boolean;
  Detail: string;
  Remediation: string;
  RouteSource: string;
}

const copies = (): string[] => readdirSync(tmpdir()).filter((name) => /^MDIConnectivity-[0-9a-f]{32}$/.test(name));

describe.skipIf(skipPwsh)('fleet over SSH remoting (network namespaces)', () => {
  let fleet: Fleet;
  let shell: PowerShell;
  let hosts: string[];
  let common: string;

  beforeAll(async () => {
    fleet = await startFleet(['passes', 'proxyNeedsCredentials', 'tlsInspection', 'moduleNotInstalled']);
    shell = await moduleShell({}, fleet.adminPwsh);
    hosts = [...fleet.dcs.map((dc) => dc.host), fleet.unreachableHost];
    // The lab's root stands in for the Microsoft/DigiCert roots: named as a trusted root, as an admin would.
    common = `-WorkspaceName ${fleet.workspace} -ProxyUrl ${fleet.proxyUrl} -TrustedRootCertificate ${psString(fleet.trustedRoot)} -SkipAllowlist -TimeoutSec 5 -KeyFilePath ${psString(fleet.keyFile)}`;
  }, 120_000);

  afterAll(async () => {
    await shell?.dispose();
    const prefix = fleet?.prefix;
    await fleet?.stop();
    if (prefix) expect(await namespacesWith(prefix)).toEqual([]);
  }, 60_000);

  it('listens only inside its namespaces: no sshd or test port on the host', async () => {
    const { stdout } = await execFileP('ss', ['-ltnH']);
    expect(stdout).not.toMatch(/10\.77\.\d+\.\d+:/);
    expect(stdout).not.toMatch(/^\S+\s+\d+\s+\d+\s+\S+:22\s/m);
  });

  it('gives every host an answer: each DC its own verdict, the silent name HostUnreachable with ssh\'s reason', async () => {
    const before = copies();
    const out = await run(shell, `Test-MDIConnectivity -HostName ${psArray(hosts)} ${common} | Select-Object ComputerName, Category, Verdict, Passed, Detail, Remediation, RouteSource`);
    expect(out.ok, out.message).toBe(true);
    const results = out.value as Result[];
    const byHost = Object.fromEntries(results.map((r) => [r.ComputerName, r]));
    expect(results.map((r) => r.ComputerName)).toEqual(hosts);
    expect(byHost['dc1.contoso.test']).toMatchObject({ Category: 'SensorApi', Verdict: 'Pass', Passed: true });
    expect(byHost['dc2.contoso.test']).toMatchObject({ Verdict: 'ProxyAuthRequired', Passed: false });
    expect(byHost['dc3.contoso.test']).toMatchObject({ Verdict: 'TlsInspected', Passed: false });
    // Not installed: the module came over the session with a runtime, and answered like the others.
    expect(byHost['dc4.contoso.test']).toMatchObject({ Category: 'SensorApi', Verdict: 'Pass', Passed: true });
    const gone = byHost[fleet.unreachableHost];
    expect(gone).toMatchObject({ Category: 'Host', Verdict: 'HostUnreachable', Passed: false, RouteSource: 'SSH' });
    expect(gone?.Detail).toMatch(/SSH transport process has abruptly terminated/);
    expect(gone?.Detail).toMatch(/No route to host/);
    expect(gone?.Remediation).toMatch(/remoting port/);
    // The cloud saw the pings of the DCs that got through (dc1 and dc4).
    const pings = readFileSync(fleet.cloudLog, 'utf8').trim().split('\n').filter(Boolean);
    expect(pings.length).toBeGreaterThanOrEqual(2);
    // Nothing left behind: the copy made for dc4 is gone.
    expect(copies()).toEqual(before);
    // Bounded, generously: the copy moves ~50 MB of runtime over the session, slow on a loaded 2-core machine.
  }, 480_000);

  it('-Quiet gives one bool per host, in the order named', async () => {
    // dc4 (the copy) is left out here: the copy's cost is paid once, in the test above.
    const out = await run(shell, `Test-MDIConnectivity -HostName ${psArray([fleet.unreachableHost, 'dc3.contoso.test', 'dc1.contoso.test', 'dc2.contoso.test'])} ${common} -Quiet`);
    expect(out.ok, out.message).toBe(true);
    expect(out.value).toEqual([false, false, true, false]);
  }, 180_000);

  it('sends the proxy credential to the host that needs it (over the session, as a SecureString)', async () => {
    const credential = `(New-Object PSCredential ${psString(fleet.proxyUser)}, (ConvertTo-SecureString ${psString(fleet.proxyPassword)} -AsPlainText -Force))`;
    const out = await run(shell, `Test-MDIConnectivity -HostName dc2.contoso.test ${common} -ProxyCredential ${credential} | Select-Object ComputerName, Verdict`);
    expect(out.ok, out.message).toBe(true);
    expect(out.value).toEqual([{ ComputerName: 'dc2.contoso.test', Verdict: 'Pass' }]);
  }, 120_000);

  it('a key the host does not know gives HostAccessDenied with ssh\'s "Permission denied"', async () => {
    const otherKey = path.join(fleet.dir, 'stranger_ed25519');
    await execFileP('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const out = await run(shell, `Test-MDIConnectivity -HostName dc1.contoso.test -WorkspaceName ${fleet.workspace} -SkipAllowlist -KeyFilePath ${psString(otherKey)} | Select-Object ComputerName, Verdict, Detail`);
    expect(out.ok, out.message).toBe(true);
    const [result] = out.value as Result[];
    expect(result).toMatchObject({ ComputerName: 'dc1.contoso.test', Verdict: 'HostAccessDenied' });
    expect(result?.Detail).toMatch(/Permission denied \(publickey\)/);
  }, 120_000);

  it('takes hosts from the pipeline by property name, and open sessions with -Session', async () => {
    const piped = await run(
      shell,
      `@([pscustomobject]@{ HostName = 'dc1.contoso.test' }, [pscustomobject]@{ HostName = 'dc3.contoso.test' }) | Test-MDIConnectivity ${common} | Select-Object ComputerName, Verdict`,
    );
    expect(piped.ok, piped.message).toBe(true);
    expect(piped.value).toEqual([
      { ComputerName: 'dc1.contoso.test', Verdict: 'Pass' },
      { ComputerName: 'dc3.contoso.test', Verdict: 'TlsInspected' },
    ]);
    const session = await run(
      shell,
      `$s = New-PSSession -HostName dc2.contoso.test -KeyFilePath ${psString(fleet.keyFile)}; ` +
        `try { Test-MDIConnectivity -Session $s -WorkspaceName ${fleet.workspace} -ProxyUrl ${fleet.proxyUrl} -SkipAllowlist -TimeoutSec 5 | Select-Object ComputerName, Verdict; $s.State.ToString() } finally { Remove-PSSession $s }`,
    );
    expect(session.ok, session.message).toBe(true);
    // The caller's session is used and left open.
    expect(session.value).toEqual([{ ComputerName: 'dc2.contoso.test', Verdict: 'ProxyAuthRequired' }, 'Opened']);
  }, 180_000);

  it('the official commands answer from the fleet too', async () => {
    const api = await run(
      shell,
      `Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl https://${fleet.sensorApiHost} -ProxyUrl ${fleet.proxyUrl} -TrustedRootCertificate ${psString(fleet.trustedRoot)} -HostName ${psArray(['dc1.contoso.test', 'dc2.contoso.test', fleet.unreachableHost])} -KeyFilePath ${psString(fleet.keyFile)}`,
    );
    expect(api.ok, api.message).toBe(true);
    expect(api.value).toEqual([true, false, false]);
    // No sensor on these DCs: the official command's own error comes back as that host's answer.
    const config = await run(
      shell,
      `Get-MDISensorProxyConfiguration -HostName ${psArray(['dc1.contoso.test', fleet.unreachableHost])} -KeyFilePath ${psString(fleet.keyFile)} -ErrorAction SilentlyContinue | Select-Object ComputerName, Verdict, Detail`,
    );
    expect(config.ok, config.message).toBe(true);
    const [dc1, gone] = config.value as Result[];
    expect(dc1).toMatchObject({ ComputerName: 'dc1.contoso.test', Verdict: 'HostCommandFailed' });
    expect(dc1?.Detail).toMatch(/MDI_SENSOR_CONFIG_NOT_FOUND/);
    expect(gone).toMatchObject({ ComputerName: fleet.unreachableHost, Verdict: 'HostUnreachable' });
  }, 180_000);
});
