// The sensor-config, deployer-syntax and unified-proxy subcommands as an admin runs them:
// the real engine process, real files, and every refusal leaving the file as it was
// (same bytes, same mtime).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRegFile, regSz, writeRegFile } from '../../../src/codecs/reg-file.js';
import { runEngine } from '../../support/engine.js';
import { LAYOUTS, makeSensorCertificate, sensorConfigText, type SensorCertificate } from '../../support/sensor-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mdi-sensor-cli-'));
let cert: SensorCertificate;
let other: SensorCertificate;
beforeAll(async () => {
  [cert, other] = await Promise.all([makeSensorCertificate(dir, 'sensor'), makeSensorCertificate(dir, 'other')]);
});

let n = 0;
function configFile(proxy = 'null'): string {
  const path = join(mkdtempSync(join(dir, `case${(n += 1)}-`)), 'SensorConfiguration.json');
  writeFileSync(path, sensorConfigText(LAYOUTS[0]!, proxy, cert.thumbprint));
  return path;
}

/** Runs `args` and proves the file did not change at all. */
async function expectRefusal(path: string, args: string[], code: string, env: NodeJS.ProcessEnv = process.env) {
  const before = { bytes: readFileSync(path), mtime: statSync(path).mtimeMs, files: readdirSync(join(path, '..')).sort() };
  const run = await runEngine(args, { env });
  expect(run.exitCode, run.stderr).toBe(2);
  expect(run.stderr).toMatch(new RegExp(`^ERROR ${code}: `, 'm'));
  expect(readFileSync(path).equals(before.bytes)).toBe(true);
  expect(statSync(path).mtimeMs).toBe(before.mtime);
  // No backup, no temp file: nothing at all was written beside it.
  expect(readdirSync(join(path, '..')).sort()).toEqual(before.files);
  return run;
}

describe('mdi-connectivity sensor-config', () => {
  it('get shows the official properties, set/clear change the file, --json answers the contract', async () => {
    const path = configFile();
    const get = await runEngine(['sensor-config', 'get', '--sensor-configuration-path', join(path, '..')]);
    expect(get.exitCode).toBe(0);
    expect(get.stdout).toMatch(/^Endpoint\s+https:\/\/contososensorapi\.atp\.azure\.com:443\/tri\/sensor\/api\/ping$/m);
    expect(get.stdout).toMatch(/^Proxy\s+no proxy$/m);
    const set = await runEngine(['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'proxy.contoso.com:8080', '--proxy-user', 'CONTOSO\\svc', '--certificate-path', cert.derPath],
      { env: { ...process.env, MDI_PROXY_PASSWORD: 'p;a"ss@wörd' } });
    expect(set.exitCode, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/^Now\s+http:\/\/proxy\.contoso\.com:8080 as CONTOSO\\svc \(password encrypted for [0-9A-F]{40}: /m);
    expect(set.stdout).toMatch(/^Backup\s+.*SensorConfiguration\.json\..*\.bak$/m);
    expect(set.stdout + set.stderr).not.toContain('wörd');
    const json = await runEngine(['sensor-config', 'get', '--sensor-configuration-path', path, '--certificate-path', cert.aesPfxPath, '--json'],
      { env: { ...process.env, MDI_CERTIFICATE_PASSWORD: cert.pfxPassword } });
    const answer = JSON.parse(json.stdout);
    expect(answer).toMatchObject({ command: 'sensor-config', action: 'get', proxy: { isAuthenticationProxyEnabled: true, userName: 'CONTOSO\\svc' }, passwordCheck: { decrypted: true } });
    const clear = await runEngine(['sensor-config', 'clear', '--sensor-configuration-path', path, '--what-if']);
    expect(clear.stdout).toMatch(/What if: nothing was written/);
    expect(JSON.parse(readFileSync(path, 'utf8')).SensorProxyConfiguration.Url).toBe('http://proxy.contoso.com:8080');
    await runEngine(['sensor-config', 'clear', '--sensor-configuration-path', path]);
    expect(JSON.parse(readFileSync(path, 'utf8')).SensorProxyConfiguration).toBeNull();
  });

  it('refuses a missing file', async () => {
    const run = await runEngine(['sensor-config', 'get', '--sensor-configuration-path', join(dir, 'nowhere.json')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^ERROR MDI_SENSOR_CONFIG_NOT_FOUND: No SensorConfiguration\.json at /m);
  });

  it('refuses malformed JSON and changes nothing', async () => {
    const path = configFile();
    writeFileSync(path, readFileSync(path, 'utf8').replace('"SensorId"', 'SensorId'));
    const run = await expectRefusal(path, ['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'http://p:1'], 'MDI_SENSOR_CONFIG_INVALID');
    expect(run.stderr).toMatch(/not valid JSON: expected a member name in double quotes \(line 3, column 3\)/);
  });

  it('refuses the wrong certificate, naming both thumbprints, and changes nothing', async () => {
    const path = configFile();
    const run = await expectRefusal(path, ['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'http://p:1', '--proxy-user', 'u', '--certificate-path', other.certPath],
      'MDI_CERTIFICATE_MISMATCH', { ...process.env, MDI_PROXY_PASSWORD: 'x' });
    expect(run.stderr).toContain(`${other.thumbprint}, not ${cert.thumbprint}`);
  });

  it('refuses a bad URL, a user without password, and a password without certificate, changing nothing', async () => {
    const path = configFile();
    await expectRefusal(path, ['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'ftp://p:1'], 'MDI_PROXY_URL_INVALID');
    await expectRefusal(path, ['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'http://p:1', '--proxy-user', 'u'], 'MDI_PROXY_PASSWORD_MISSING');
    await expectRefusal(path, ['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'http://p:1', '--proxy-user', 'u'], 'MDI_CERTIFICATE_MISSING', { ...process.env, MDI_PROXY_PASSWORD: 'x' });
  });

  // Root ignores permission bits, so chmod 444 alone proves nothing about the OS: the engine
  // refuses on the read-only mark itself (as Windows refuses to replace a read-only file).
  it('refuses a file marked read-only (no write bits), even as root', async () => {
    const path = configFile();
    chmodSync(path, 0o444);
    const run = await expectRefusal(path, ['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'http://p:1'], 'MDI_SENSOR_CONFIG_READ_ONLY');
    expect(run.stderr).toMatch(/marked read-only; nothing was changed/);
  });

  // The OS itself refusing: an immutable file (chattr +i binds root too). Skipped where the
  // filesystem or the container does not allow the attribute.
  const immutable = spawnSync('sh', ['-c', `f=$(mktemp -p ${tmpdir()}); chattr +i "$f" && chattr -i "$f"; r=$?; rm -f "$f"; exit $r`]).status === 0;
  it.skipIf(!immutable)('refuses a file the OS will not replace (chattr +i), leaving no backup or temp file', async () => {
    const path = configFile();
    execFileSync('chattr', ['+i', path]);
    try {
      const run = await expectRefusal(path, ['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'http://p:1'], 'MDI_WRITE_FAILED');
      expect(run.stderr).toMatch(/\(EPERM\); nothing was replaced/);
    } finally {
      execFileSync('chattr', ['-i', path]);
    }
  });
});

describe('mdi-connectivity deployer-syntax', () => {
  it('formats the sensor configuration, password masked; revealed only when asked, decrypted with the PFX', async () => {
    const path = configFile();
    await runEngine(['sensor-config', 'set', '--sensor-configuration-path', path, '--proxy-url', 'http://proxy:8080', '--proxy-user', 'CONTOSO\\svc', '--certificate-path', cert.certPath],
      { env: { ...process.env, MDI_PROXY_PASSWORD: 'a"b&c' } });
    const masked = await runEngine(['deployer-syntax', '--sensor-configuration-path', path]);
    expect(masked.stdout).toMatch(/^Arguments\s+ProxyUrl="http:\/\/proxy:8080" ProxyUserName="CONTOSO\\svc" ProxyUserPassword="\*{8}"$/m);
    expect(masked.stdout).toMatch(/password is not known here/);
    const env = { ...process.env, MDI_CERTIFICATE_PASSWORD: cert.pfxPassword };
    const revealed = await runEngine(['deployer-syntax', '--sensor-configuration-path', path, '--certificate-path', cert.legacyPfxPath, '--reveal-password', '--json'], { env });
    const answer = JSON.parse(revealed.stdout);
    expect(answer).toMatchObject({ passwordRevealed: true, proxyPassword: 'a"b&c', arguments: 'ProxyUrl="http://proxy:8080" ProxyUserName="CONTOSO\\svc" ProxyUserPassword="a\\"b&c"' });
    expect(answer.cmdCommandLine).toBe('Microsoft.Tri.Sensor.Deployment.Deployer.exe ProxyUrl="http://proxy:8080" ProxyUserName="CONTOSO\\svc" ProxyUserPassword="a\\"b^&c"');
    // And back: the cmd line parsed from stdin gives the same settings.
    const parsed = await runEngine(['deployer-syntax', '--parse', '--reveal-password', '--json'], { stdin: `${answer.cmdCommandLine}\r\n` });
    expect(JSON.parse(parsed.stdout)).toMatchObject({ proxyUrl: 'http://proxy:8080', proxyUser: 'CONTOSO\\svc', proxyPassword: 'a"b&c' });
  });

  it('parse without --reveal-password never prints the password', async () => {
    const run = await runEngine(['deployer-syntax', '--parse', '--json'], { stdin: 'ProxyUrl="http://p:1" ProxyUserName="u" ProxyUserPassword="TopSecret1"' });
    expect(run.stdout).not.toContain('TopSecret1');
    expect(JSON.parse(run.stdout)).toMatchObject({ passwordPresent: true, proxyPassword: null });
  });
});

describe('mdi-connectivity unified-proxy', () => {
  const reg = join(dir, 'unified.reg');
  beforeAll(() => {
    writeFileSync(reg, writeRegFile(buildRegFile([{ path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\DataCollection', values: [{ name: 'TelemetryProxyServer', data: regSz('old:3128') }] }])));
  });

  it('get reads the export; set writes backup and import files', async () => {
    const get = await runEngine(['unified-proxy', 'get', '--reg-file', reg]);
    expect(get.stdout).toMatch(/^Proxy\s+http:\/\/old:3128$/m);
    const out = join(dir, 'unified-import.reg');
    const backup = join(dir, 'unified-backup.reg');
    const set = await runEngine(['unified-proxy', 'set', '--reg-file', reg, '--proxy-url', 'proxy:8080', '--out', out, '--backup', backup]);
    expect(set.exitCode, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/^TelemetryProxyServer\s+old:3128 -> proxy:8080$/m);
    expect(readFileSync(out).subarray(2).toString('utf16le')).toContain('"TelemetryProxyServer"="proxy:8080"');
    expect(readFileSync(backup).subarray(2).toString('utf16le')).toContain('"ProxyServer"=-');
    const back = await runEngine(['unified-proxy', 'get', '--reg-file', out]);
    expect(back.stdout).toMatch(/^Proxy\s+http:\/\/proxy:8080$/m);
  });

  it('says clearly that credentials are not supported', async () => {
    const run = await runEngine(['unified-proxy', 'set', '--reg-file', reg, '--proxy-url', 'p:1', '--proxy-user', 'u', '--what-if']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^ERROR MDI_PROXY_CREDENTIALS_UNSUPPORTED: The unified sensor cannot authenticate/m);
  });
});
