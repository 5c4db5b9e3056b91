// What Set accepts and refuses before it touches anything: proxy URLs, certificates in
// every file form, configuration files that are missing or not what they claim, and
// the request fields of the new commands.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src/contract/types.js';
import { ErrorCode } from '../../../src/errors.js';
import { parseRequest } from '../../../src/request/parse-request.js';
import { chooseCertificate, loadCertificates } from '../../../src/sensor-config/certificates.js';
import { readSensorConfig } from '../../../src/sensor-config/config-file.js';
import { checkProxyUrl } from '../../../src/sensor-config/proxy-url.js';
import { LAYOUTS, makeSensorCertificate, sensorConfigText, type SensorCertificate } from '../../support/sensor-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mdi-sensor-inputs-'));
let cert: SensorCertificate;
let other: SensorCertificate;
beforeAll(async () => {
  [cert, other] = await Promise.all([makeSensorCertificate(dir, 'sensor'), makeSensorCertificate(dir, 'other')]);
});

describe('checkProxyUrl', () => {
  it.each([
    ['proxy.contoso.com:8080', 'http://proxy.contoso.com:8080', 'proxy.contoso.com:8080'],
    ['  http://Proxy.Contoso.com:3128  ', 'http://Proxy.Contoso.com:3128', 'proxy.contoso.com:3128'],
    ['http://10.0.0.6', 'http://10.0.0.6', '10.0.0.6:80'],
    ['http://[fd00::6]:8080/', 'http://[fd00::6]:8080/', '[fd00::6]:8080'],
    ['HTTP://proxy:80', 'HTTP://proxy:80', 'proxy:80'],
  ])('%j is stored as %j (TelemetryProxyServer %j)', (raw, url, hostPort) => {
    expect(checkProxyUrl(raw)).toMatchObject({ url, hostPort });
  });

  it.each([
    ['', /empty/],
    ['proxy contoso', /spaces/],
    ['https://proxy:8080', /over http:\/\/, not https/],
    ['socks5://proxy:1080', /not socks5/],
    ['http://proxy:8080/path', /without a path/],
    ['http://proxy:8080?x=1', /without a path or query/],
    ['http://proxy:99999', /not a URL/],
    ['http://proxy:0', /port 0/],
    ['http://proxy:', /port is missing/],
    ['http://', /not a URL|names no host/],
    ['http://user:SECRET@proxy:8080', /must not contain credentials/],
    ['user:SECRET@proxy:8080', /must not contain credentials/],
  ])('refuses %j', (raw, message) => {
    try {
      checkProxyUrl(raw);
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe(ErrorCode.ProxyUrlInvalid);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('SECRET');
    }
  });
});

describe('certificates', () => {
  it('reads PEM, PEM with key, DER and both PFX kinds, and finds the key that belongs to the certificate', async () => {
    const inputs = [
      { certificatePem: cert.certPem },
      { certificatePath: cert.certPath },
      { certificatePath: cert.derPath },
      { certificatePath: cert.combinedPath },
      { certificatePath: cert.legacyPfxPath, certificatePassword: cert.pfxPassword },
      { certificatePath: cert.aesPfxPath, certificatePassword: cert.pfxPassword },
    ];
    const withKey = [false, false, false, true, true, true];
    for (const [index, input] of inputs.entries()) {
      const chosen = chooseCertificate(await loadCertificates(input), cert.thumbprint.toLowerCase().replace(/(..)/g, '$1 '), 'test');
      expect(chosen.thumbprint).toBe(cert.thumbprint);
      expect(chosen.privateKey !== null, JSON.stringify(input)).toBe(withKey[index]);
    }
  });

  it('says which thumbprint it found when it is not the sensor\'s (MDI_CERTIFICATE_MISMATCH)', async () => {
    const set = await loadCertificates({ certificatePath: other.aesPfxPath, certificatePassword: other.pfxPassword });
    expect(() => chooseCertificate(set, cert.thumbprint, 'the SecretManagerConfigurationCertificateThumbprint')).toThrow(
      expect.objectContaining({ code: ErrorCode.CertificateMismatch, message: expect.stringContaining(`${other.thumbprint}, not ${cert.thumbprint}`) }),
    );
  });

  it.each([
    ['a PFX without its password', () => ({ certificatePath: cert.legacyPfxPath }), /password-protected/],
    ['a PFX with a wrong password', () => ({ certificatePath: cert.aesPfxPath, certificatePassword: 'wrong' }), /password is wrong/],
    ['a text file', () => ({ certificatePath: join(dir, 'sensor.json') }), /not a PEM, DER or PFX/],
    ['PEM text without a certificate', () => ({ certificatePem: 'hello' }), /holds no certificate/],
  ])('refuses %s (MDI_CERTIFICATE_INVALID)', async (_name, input, message) => {
    writeFileSync(join(dir, 'sensor.json'), '{"not":"a certificate"}');
    await expect(loadCertificates(input())).rejects.toMatchObject({ code: ErrorCode.CertificateInvalid, message: expect.stringMatching(message) });
  });

  it('refuses a key that is not the certificate\'s, and a missing file', async () => {
    const mixed = join(dir, 'mixed.pem');
    writeFileSync(mixed, `${cert.certPem}\n${other.keyPem}`);
    expect(() => chooseCertificate({ certificates: [], privateKeys: [], source: 'x' }, cert.thumbprint, 't')).toThrow(/\(none\)/);
    await expect(loadCertificates({ certificatePath: mixed }).then((set) => chooseCertificate(set, cert.thumbprint, 't'))).rejects.toThrow(/does not belong/);
    await expect(loadCertificates({ certificatePath: join(dir, 'missing.pfx') })).rejects.toMatchObject({ code: ErrorCode.CertificateMissing });
  });

  it('refuses a non-RSA certificate: the password protection is RSA-OAEP', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = join(dir, 'ec.pem');
    const { execFileSync } = await import('node:child_process');
    writeFileSync(join(dir, 'ec.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    execFileSync('openssl', ['req', '-new', '-x509', '-key', join(dir, 'ec.key'), '-subj', '/CN=ec', '-days', '2', '-out', pem]);
    const set = await loadCertificates({ certificatePath: pem });
    const thumbprint = set.certificates[0]!.fingerprint.replace(/:/g, '');
    expect(() => chooseCertificate(set, thumbprint, 't')).toThrow(/ec key; the sensor's password protection needs RSA/);
  });
});

describe('readSensorConfig', () => {
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('finds SensorConfiguration.json in a folder, reads the official properties', () => {
    const folder = mkdtempSync(join(dir, 'install-'));
    writeFileSync(join(folder, 'SensorConfiguration.json'), sensorConfigText(LAYOUTS[0]!, '{"Url":"http://p:1","UserName":"u","EncryptedUserPasswordData":{"EncryptedBytes":"AAAA","SecretVersion":3,"CertificateThumbprint":"ab cd"}}', 'ab:cd:ef', { address: 'fd00::1', port: 8443 }));
    const file = readSensorConfig(folder);
    expect(file.path).toBe(join(folder, 'SensorConfiguration.json'));
    expect(file.proxy).toEqual({ isProxyEnabled: true, isAuthenticationProxyEnabled: true, url: 'http://p:1', userName: 'u', encryptedUserPasswordData: 'AAAA', certificateThumbprint: 'ab cd', secretVersion: 3 });
    expect(file.secretThumbprint).toBe('ABCDEF');
    expect(file.sensorApiUrl).toBe('https://[fd00::1]:8443/tri/sensor/api/ping');
  });

  it.each([
    ['malformed JSON', '{"a": 1,,}', ErrorCode.SensorConfigInvalid, /not valid JSON: .*line 1/],
    ['an array', '[]', ErrorCode.SensorConfigInvalid, /must be a JSON object/],
    ['two proxy members (any case)', '{"SensorProxyConfiguration": null, "sensorproxyconfiguration": null}', ErrorCode.SensorConfigInvalid, /2 'SensorProxyConfiguration' members/],
    ['a proxy that is a string', '{"SensorProxyConfiguration": "http://p:1"}', ErrorCode.SensorConfigInvalid, /not an object/],
    ['an endpoint without port', '{"WorkspaceApplicationSensorApiWebClientConfigurationServiceEndpoint": {"Address": "x"}}', ErrorCode.SensorConfigInvalid, /usable Address and Port/],
    ['bad UTF-8', Buffer.from([0x7b, 0xff, 0x7d]).toString('latin1'), ErrorCode.SensorConfigInvalid, /not valid UTF-8/],
  ])('refuses %s', (name, text, code, message) => {
    const path = name === 'bad UTF-8' ? (writeFileSync(join(dir, 'bad-utf8.json'), Buffer.from([0x7b, 0xff, 0x7d])), join(dir, 'bad-utf8.json')) : write(`${name}.json`, text);
    expect(() => readSensorConfig(path)).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });

  it('says where the file should be when it is missing', () => {
    expect(() => readSensorConfig(join(dir, 'nowhere', 'SensorConfiguration.json'))).toThrow(expect.objectContaining({ code: ErrorCode.SensorConfigNotFound, message: expect.stringMatching(/install folder/) }));
  });
});

describe('request fields of the new commands', () => {
  it('accepts each command with its fields, nulls dropped', () => {
    expect(parseRequest(`{"schemaVersion":${SCHEMA_VERSION},"command":"sensor-config","action":"set","sensorConfigurationPath":"x","proxyUrl":"p","whatIf":true,"certificatePem":null}`))
      .toEqual({ schemaVersion: SCHEMA_VERSION, command: 'sensor-config', action: 'set', sensorConfigurationPath: 'x', proxyUrl: 'p', whatIf: true });
    expect(parseRequest(`{"schemaVersion":${SCHEMA_VERSION},"command":"deployer-syntax","action":"parse","commandLine":"x","revealPassword":false}`)).toMatchObject({ revealPassword: false });
    expect(parseRequest(`{"schemaVersion":${SCHEMA_VERSION},"command":"unified-proxy","action":"get","unifiedRegistry":{"telemetryProxyServer":null}}`)).toMatchObject({ action: 'get' });
    expect(parseRequest(`{"schemaVersion":${SCHEMA_VERSION},"command":"test","proxySource":"SensorConfiguration","sensorConfigurationPath":"x","certificatePath":"c","certificatePassword":"p"}`)).toMatchObject({ certificatePath: 'c' });
  });

  it.each([
    [`{"schemaVersion":${SCHEMA_VERSION},"command":"sensor-config","sensorConfigurationPath":"x"}`, /\/action is required/],
    [`{"schemaVersion":${SCHEMA_VERSION},"command":"sensor-config","action":"get","sensorConfigurationPath":"x","whatIf":"yes"}`, /\/whatIf must be true or false/],
    [`{"schemaVersion":${SCHEMA_VERSION},"command":"unified-proxy","action":"get","certificatePath":"c"}`, /Unknown request field \/certificatePath/],
    [`{"schemaVersion":${SCHEMA_VERSION},"command":"settings","sensorConfigurationPath":"x"}`, /Unknown request field/],
  ])('refuses %s', (text, message) => {
    expect(() => parseRequest(text)).toThrow(message);
  });
});
