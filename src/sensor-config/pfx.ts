// PFX/PKCS#12, the form a certificate leaves a Windows machine in (Export-PfxCertificate,
// certlm.msc). Node has no PKCS#12 reader, so node-forge opens the container (3DES/RC2
// of older Windows, AES/PBES2 of newer ones); the certificates and keys it holds are
// handed back to node:crypto as DER, which does the actual cryptography.
// Loaded on demand: only the PFX path pays for node-forge.

import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { ErrorCode, MdiInputError } from '../errors.js';
import { term } from '../front-end.js';

export function readPfx(bytes: Buffer, password: string | undefined, source: string): { certificates: X509Certificate[]; privateKeys: KeyObject[] } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
    p12 = withUtf8Pbes2(() => forge.pkcs12.pkcs12FromAsn1(asn1, false, password ?? ''));
  } catch (error) {
    const message = (error as Error).message ?? '';
    // forge says "MAC could not be verified" / "wrong password?" when the password is the problem.
    const why = /password|MAC/i.test(message)
      ? password === undefined ? `it is password-protected: give its password (${term('certificatePassword')})` : 'the password is wrong'
      : 'it is not a PEM, DER or PFX certificate file';
    throw new MdiInputError(ErrorCode.CertificateInvalid, `Cannot open '${source}': ${why}.`);
  }
  const certificates: X509Certificate[] = [];
  for (const bag of p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? []) {
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    if (asn1) certificates.push(new X509Certificate(der(asn1)));
  }
  const privateKeys: KeyObject[] = [];
  for (const type of [forge.pki.oids.pkcs8ShroudedKeyBag!, forge.pki.oids.keyBag!]) {
    for (const bag of p12.getBags({ bagType: type })[type] ?? []) {
      // An RSA key comes back parsed (wrap it as PKCS#8); other key types as the PrivateKeyInfo itself.
      const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
      if (info) privateKeys.push(createPrivateKey({ key: der(info), format: 'der', type: 'pkcs8' }));
    }
  }
  if (certificates.length === 0) throw new MdiInputError(ErrorCode.CertificateInvalid, `'${source}' holds no certificate.`);
  return { certificates, privateKeys };
}

/**
 * PKCS#12 derives the MAC and PKCS#12-PBE keys from the password as UTF-16 (forge does
 * this right) but PBES2/PBKDF2 keys from its UTF-8 bytes (RFC 9579; OpenSSL 3 and newer
 * Windows exports use PBES2). forge hands PBKDF2 the JS string, read as Latin-1, so a
 * non-ASCII password fails. For the duration of one synchronous parse, PBES2 gets the
 * UTF-8 form; nothing else sees the change.
 */
function withUtf8Pbes2<T>(parse: () => T): T {
  const pbe = (forge.pki as unknown as { pbe: { getCipherForPBES2: (oid: string, params: unknown, password: string) => unknown } }).pbe;
  const original = pbe.getCipherForPBES2;
  pbe.getCipherForPBES2 = (oid, params, password) => original(oid, params, forge.util.encodeUtf8(password));
  try {
    return parse();
  } finally {
    pbe.getCipherForPBES2 = original;
  }
}

function der(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
