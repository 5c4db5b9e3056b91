// SensorConfiguration.json files and sensor certificates for the sensor-config tests,
// made at run time. The files imitate what the sensor writes (a $type-tagged object
// with deep sections, big integers, \u escapes) in every layout we must preserve.
import { X509Certificate, webcrypto } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import '../harness/reflect-shim.js';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface SensorCertificate {
  certPem: string;
  keyPem: string;
  thumbprint: string;
  /** cert + key in one PEM. */
  combinedPath: string;
  certPath: string;
  /** DER certificate (.cer, as Windows exports the public part). */
  derPath: string;
  /** PFX protected with `pfxPassword`: 3DES/SHA-1 (older Windows exports), written by node-forge. */
  legacyPfxPath: string;
  /** PFX with AES-256/PBKDF2 and a SHA-256 MAC (newer Windows, OpenSSL 3 default). */
  aesPfxPath: string;
  pfxPassword: string;
}

/** An RSA-2048 certificate like the sensor's secret-manager certificate, in every file form. */
export async function makeSensorCertificate(dir: string, label: string): Promise<SensorCertificate> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16),
    name: `CN=${label}`,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    keys,
    signingAlgorithm: alg,
  });
  const certPem = cert.toString('pem');
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  const thumbprint = new X509Certificate(certPem).fingerprint.replace(/:/g, '');
  const path = (name: string) => join(dir, `${label}.${name}`);
  writeFileSync(path('crt'), certPem);
  writeFileSync(path('pem'), `${certPem}\n${keyPem}`);
  writeFileSync(path('cer'), Buffer.from(cert.rawData));
  const pfxPassword = 'pfx pässword;"1';
  const legacy = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(keyPem), [forge.pki.certificateFromPem(certPem)], pfxPassword, { algorithm: '3des' });
  writeFileSync(path('legacy.pfx'), Buffer.from(forge.asn1.toDer(legacy).getBytes(), 'binary'));
  execFileSync('openssl', ['pkcs12', '-export', '-in', path('crt'), '-inkey', path('pem'), '-out', path('aes.pfx'),
    '-passout', 'env:MDI_TEST_PFX', '-keypbe', 'AES-256-CBC', '-certpbe', 'AES-256-CBC', '-macalg', 'sha256'], { env: { ...process.env, MDI_TEST_PFX: pfxPassword } });
  return {
    certPem,
    keyPem,
    thumbprint,
    combinedPath: path('pem'),
    certPath: path('crt'),
    derPath: path('cer'),
    legacyPfxPath: path('legacy.pfx'),
    aesPfxPath: path('aes.pfx'),
    pfxPassword,
  };
}

export interface Layout {
  name: string;
  newline: '\r\n' | '\n';
  indent: string;
  /** Between name and value. */
  sep: string;
  encoding: 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom';
}

export const LAYOUTS: Layout[] = [
  { name: 'Newtonsoft CRLF, 2 spaces', newline: '\r\n', indent: '  ', sep: ': ', encoding: 'utf8' },
  { name: 'tabs, LF, odd spacing', newline: '\n', indent: '\t', sep: ' :\t', encoding: 'utf8' },
  { name: 'ConvertTo-Json, 4 spaces, UTF-8 BOM', newline: '\r\n', indent: '    ', sep: ':  ', encoding: 'utf8-bom' },
  { name: 'UTF-16LE with BOM', newline: '\r\n', indent: '  ', sep: ': ', encoding: 'utf16le-bom' },
  { name: 'UTF-16BE with BOM', newline: '\n', indent: ' ', sep: ':', encoding: 'utf16be-bom' },
];

/** What stands in the file for the proxy: a JSON text, or undefined for no member at all. */
export function sensorConfigText(layout: Layout, proxyValue: string | undefined, thumbprint: string, endpoint = { address: 'contososensorapi.atp.azure.com', port: 443 }): string {
  const { newline: nl, indent: i, sep } = layout;
  const m = (name: string, value: string, level = 1) => `${i.repeat(level)}"${name}"${sep}${value}`;
  const obj = (level: number, members: string[]) => `{${nl}${members.join(`,${nl}`)}${nl}${i.repeat(level)}}`;
  // Five levels deep, with values JSON.parse would alter if we ever round-tripped them.
  const deep = obj(1, [
    m('$type', '"DeepSection"', 2),
    m('Level2', obj(2, [m('Level3', obj(3, [m('Level4', obj(4, [m('Level5', obj(5, [m('Big', '12345678901234567890', 6), m('Tiny', '1.0000000000000000001e-400', 6), m('Escaped', '"caf\\u00e9 \\ud83d\\ude00 \\"quoted\\" \\\\ back\\/slash"', 6)]), 5)]), 4)]), 3)]), 2),
    m('Array', `[ 1,2 ,  3, {"x":[[],{}]}, "\\u0041" ]`, 2),
  ]);
  const members = [
    m('$type', '"SensorConfiguration"'),
    m('SensorId', '"a1b2c3d4-0000-1111-2222-333344445555"'),
    m('Deep', deep),
    m('Unicode', '"Zürich – 東京 – \\u00fc"'),
    ...(proxyValue === undefined ? [] : [m('SensorProxyConfiguration', proxyValue)]),
    m('SecretManagerConfigurationCertificateThumbprint', `"${thumbprint}"`),
    m('WorkspaceApplicationSensorApiWebClientConfigurationServiceEndpoint', obj(1, [m('$type', '"IPEndPoint"', 2), m('Address', JSON.stringify(endpoint.address), 2), m('Port', String(endpoint.port), 2)])),
    m('Numbers', '[ -0, 0.5e+10, 9007199254740993, 1E2 ]'),
    m('Empty', '{ }'),
    m('NullValue', 'null'),
  ];
  return `{${nl}${members.join(`,${nl}`)}${nl}}${nl}`;
}

export function encode(text: string, encoding: Layout['encoding']): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return encoding === 'utf16le-bom' ? le : le.swap16();
}

export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8');
}

/** A proxy block as the official module writes it (ConvertTo-Json-ish, one line is enough here). */
export function officialProxyBlock(url: string, user?: { name: string; encrypted: string; thumbprint: string }): string {
  if (!user) return `{ "$type": "SensorProxyConfiguration", "Url": ${JSON.stringify(url)} }`;
  return `{ "$type": "SensorProxyConfiguration", "Url": ${JSON.stringify(url)}, "UserName": ${JSON.stringify(user.name)}, ` +
    `"EncryptedUserPasswordData": { "$type": "EncryptedData", "EncryptedBytes": ${JSON.stringify(user.encrypted)}, "SecretVersion": null, "CertificateThumbprint": ${JSON.stringify(user.thumbprint)} } }`;
}
