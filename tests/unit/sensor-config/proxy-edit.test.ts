// Set / change / clear / re-read SensorConfiguration.json in every layout, proving that
// every byte outside the SensorProxyConfiguration value stays as it was, and that the
// password Set stores opens with the certificate's private key.
import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SensorConfigRequest, SensorConfigResponse } from '../../../src/contract/types.js';
import { runSensorConfig } from '../../../src/commands/sensor-config.js';
import { scanDocument } from '../../../src/sensor-config/json-scanner.js';
import { LAYOUTS, decode, encode, makeSensorCertificate, sensorConfigText, type Layout, type SensorCertificate } from '../../support/sensor-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mdi-proxy-edit-'));
let cert: SensorCertificate;
beforeAll(async () => {
  cert = await makeSensorCertificate(dir, 'sensor-secret');
});

const run = (path: string, extra: Partial<SensorConfigRequest>): Promise<SensorConfigResponse> =>
  runSensorConfig({ schemaVersion: 2, command: 'sensor-config', action: 'set', sensorConfigurationPath: path, ...extra });

/** Every byte outside the replaced range is the same, and the rest of the document means the same. */
function expectOnlyProxyChanged(before: Buffer, after: Buffer, range: { start: number; end: number }): void {
  const tail = before.length - range.end;
  expect(after.subarray(0, range.start).equals(before.subarray(0, range.start))).toBe(true);
  expect(after.subarray(after.length - tail).equals(before.subarray(range.end))).toBe(true);
  const [a, b] = [decode(before), decode(after)];
  const others = (text: string) => scanDocument(text).members.filter((m) => m.name !== 'SensorProxyConfiguration').map((m) => `${m.name}=${text.slice(m.valueStart, m.valueEnd)}`);
  expect(others(b)).toEqual(others(a));
  // Raw texts JSON.parse + stringify would have changed:
  expect(b).toContain('12345678901234567890');
  expect(b).toContain('9007199254740993');
  expect(b).toContain('caf\\u00e9 \\ud83d\\ude00');
  expect(b).toContain('1.0000000000000000001e-400');
}

function proxyText(bytes: Buffer): string | undefined {
  const text = decode(bytes);
  const member = scanDocument(text).members.find((m) => m.name === 'SensorProxyConfiguration');
  return member && text.slice(member.valueStart, member.valueEnd);
}

describe.each(LAYOUTS.map((layout) => [layout.name, layout] as [string, Layout]))('%s', (_name, layout) => {
  it('set, change, set with credentials, clear, set again: only the proxy value changes, in the file\'s own style', async () => {
    const path = join(dir, `${layout.encoding}-${layout.indent.length}-${layout.sep.length}.json`);
    writeFileSync(path, encode(sensorConfigText(layout, 'null', cert.thumbprint), layout.encoding));
    const steps: Partial<SensorConfigRequest>[] = [
      { proxyUrl: 'proxy.contoso.com:8080' },
      { proxyUrl: 'http://other.contoso.com:3128' },
      { proxyUrl: 'http://other.contoso.com:3128', proxyUser: 'CONTOSO\\svc-mdi', proxyPassword: 'p;a"ss@wörd 1', certificatePath: cert.certPath },
      { action: 'clear' },
      { proxyUrl: 'http://10.0.0.6:8080' },
    ];
    for (const step of steps) {
      const before = readFileSync(path);
      const response = await run(path, step);
      const after = readFileSync(path);
      expect(response.change!.written).toBe(true);
      expect(response.encoding).toBe(layout.encoding);
      expectOnlyProxyChanged(before, after, response.change!.range);
      expect(JSON.parse(decode(after))).toBeTruthy();
      // The backup is the file as it was.
      expect(readFileSync(response.change!.backupPath!).equals(before)).toBe(true);
      // Re-read gives what was set.
      const reread = await runSensorConfig({ schemaVersion: 2, command: 'sensor-config', action: 'get', sensorConfigurationPath: path });
      expect(reread.proxy).toEqual(response.proxy);
    }
    const final = decode(readFileSync(path));
    expect(proxyText(readFileSync(path))).toBe(`{${layout.newline}${layout.indent.repeat(2)}"$type"${layout.sep}"SensorProxyConfiguration",${layout.newline}${layout.indent.repeat(2)}"Url"${layout.sep}"http://10.0.0.6:8080"${layout.newline}${layout.indent}}`);
    expect(final.split(layout.newline === '\r\n' ? '\r\n' : '\n').length).toBeGreaterThan(10);
    if (layout.newline === '\n') expect(final).not.toContain('\r');
  });

  it('adds the member when absent, after the last one, and clear then writes null', async () => {
    const path = join(dir, `absent-${layout.encoding}.json`);
    const original = encode(sensorConfigText(layout, undefined, cert.thumbprint), layout.encoding);
    writeFileSync(path, original);
    const cleared = await run(path, { action: 'clear' });
    expect(cleared.change).toMatchObject({ changed: false, written: false, edit: 'None' });
    expect(readFileSync(path).equals(original)).toBe(true);
    const set = await run(path, { proxyUrl: 'http://proxy:8080' });
    expect(set.change!.edit).toBe('Inserted');
    const after = readFileSync(path);
    expectOnlyProxyChanged(original, after, set.change!.range);
    const text = decode(after);
    expect(text).toContain(`${layout.indent}"NullValue"${layout.sep}null,${layout.newline}${layout.indent}"SensorProxyConfiguration"${layout.sep}{`);
    expect(text.endsWith(`${layout.indent}}${layout.newline}}${layout.newline}`)).toBe(true);
    await run(path, { action: 'clear' });
    expect(proxyText(readFileSync(path))).toBe('null');
  });
});

describe('the stored password', () => {
  it.each([
    ['ASCII with ;"@', 'p;a"ss@word 1'],
    ['non-ASCII', 'Grüße-東京-😀'],
    ['backslashes and quotes', '\\"\\\\"'],
  ])('is UTF-16LE under RSA-OAEP-SHA256 for the secret-manager certificate: %s', async (_name, password) => {
    const path = join(dir, `password-${password.length}.json`);
    writeFileSync(path, sensorConfigText(LAYOUTS[0]!, 'null', cert.thumbprint));
    const response = await run(path, { proxyUrl: 'http://p:1', proxyUser: 'CONTOSO\\svc', proxyPassword: password, certificatePem: cert.certPem });
    const block = JSON.parse(proxyText(readFileSync(path))!) as Record<string, Record<string, unknown>>;
    expect(Object.keys(block)).toEqual(['$type', 'Url', 'UserName', 'EncryptedUserPasswordData']);
    expect(block.EncryptedUserPasswordData).toMatchObject({ $type: 'EncryptedData', SecretVersion: null, CertificateThumbprint: cert.thumbprint });
    expect(Object.keys(block.EncryptedUserPasswordData!)[0]).toBe('$type');
    const encrypted = Buffer.from(String(block.EncryptedUserPasswordData!.EncryptedBytes), 'base64');
    expect(encrypted).toHaveLength(256);
    // Decrypted independently of the engine, with node:crypto and the test's own key.
    const plain = privateDecrypt({ key: createPrivateKey(cert.keyPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, encrypted);
    expect(plain.equals(Buffer.from(password, 'utf16le'))).toBe(true);
    expect(response.proxy).toMatchObject({ isProxyEnabled: true, isAuthenticationProxyEnabled: true, userName: 'CONTOSO\\svc', certificateThumbprint: cert.thumbprint });
    expect(JSON.stringify(response)).not.toContain(JSON.stringify(password).slice(1, -1));
    // get with the private key confirms it opens, without showing it.
    for (const certificatePath of [cert.combinedPath, cert.legacyPfxPath, cert.aesPfxPath]) {
      const check = await runSensorConfig({ schemaVersion: 2, command: 'sensor-config', action: 'get', sensorConfigurationPath: path, certificatePath, certificatePassword: cert.pfxPassword });
      expect(check.passwordCheck, certificatePath).toMatchObject({ decrypted: true });
    }
  });

  it('is refused when too long for the key, and nothing is written', async () => {
    const path = join(dir, 'too-long.json');
    writeFileSync(path, sensorConfigText(LAYOUTS[0]!, 'null', cert.thumbprint));
    const before = readFileSync(path);
    await expect(run(path, { proxyUrl: 'http://p:1', proxyUser: 'u', proxyPassword: 'x'.repeat(96), certificatePem: cert.certPem })).rejects.toThrow(/at most 95 UTF-16 characters/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('what-if and no-ops', () => {
  it('whatIf returns the planned text and range, writes nothing', async () => {
    const path = join(dir, 'whatif.json');
    writeFileSync(path, sensorConfigText(LAYOUTS[1]!, 'null', cert.thumbprint));
    const before = readFileSync(path);
    const response = await run(path, { proxyUrl: 'http://p:8080', whatIf: true });
    expect(response.change).toMatchObject({ changed: true, whatIf: true, written: false, backupPath: null, previousText: 'null', edit: 'Replaced' });
    expect(response.change!.newText).toContain('"Url" :\t"http://p:8080"');
    expect(response.proxy?.url).toBe('http://p:8080');
    expect(response.previous).toBeNull();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('setting the same URL again, or clearing a null, changes no byte and writes no backup', async () => {
    const path = join(dir, 'same.json');
    writeFileSync(path, sensorConfigText(LAYOUTS[0]!, '{ "$type": "SensorProxyConfiguration", "Url": "http://p:8080" }', cert.thumbprint));
    const again = await run(path, { proxyUrl: 'http://p:8080' });
    expect(again.change).toMatchObject({ changed: false, written: false });
    writeFileSync(path, sensorConfigText(LAYOUTS[0]!, 'null', cert.thumbprint));
    expect((await run(path, { action: 'clear' })).change).toMatchObject({ changed: false });
    // An empty URL on set clears, as the official command does.
    writeFileSync(path, sensorConfigText(LAYOUTS[0]!, '{ "Url": "http://p:8080" }', cert.thumbprint));
    expect((await run(path, { proxyUrl: '' })).proxy).toBeNull();
  });

  it('works on a minified one-line file and keeps it on one line', async () => {
    const path = join(dir, 'minified.json');
    const text = '{"$type":"SensorConfiguration","A":{"B":{"C":{"D":{"E":12345678901234567890}}}},"SecretManagerConfigurationCertificateThumbprint":"X"}';
    writeFileSync(path, text);
    await run(path, { proxyUrl: 'http://p:8080' });
    expect(readFileSync(path, 'utf8')).toBe(`${text.slice(0, -1)},"SensorProxyConfiguration":{"$type":"SensorProxyConfiguration","Url":"http://p:8080"}}`);
  });
});
