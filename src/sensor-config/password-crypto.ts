// The sensor's password protection (FACTS §1): the password's UTF-16LE bytes,
// RSA-OAEP with SHA-256 (for both the label hash and MGF1, as .NET's
// RSAEncryptionPadding.OaepSHA256), under the certificate named by
// SecretManagerConfigurationCertificateThumbprint; stored base64.

import { constants, privateDecrypt, publicEncrypt, type KeyObject, type X509Certificate } from 'node:crypto';
import { ErrorCode, MdiInputError } from '../errors.js';

const OAEP_SHA256_OVERHEAD = 2 * 32 + 2;

export function encryptPassword(password: string, certificate: X509Certificate, thumbprint: string): string {
  const bytes = Buffer.from(password, 'utf16le');
  const modulusBits = certificate.publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  const room = Math.floor(modulusBits / 8) - OAEP_SHA256_OVERHEAD;
  if (bytes.length > room) {
    throw new MdiInputError(ErrorCode.PasswordEncryptFailed,
      `The password is too long for certificate ${thumbprint}'s ${modulusBits}-bit key: at most ${Math.floor(room / 2)} UTF-16 characters fit.`);
  }
  try {
    return publicEncrypt({ key: certificate.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, bytes).toString('base64');
  } catch (error) {
    throw new MdiInputError(ErrorCode.PasswordEncryptFailed, `Encrypting the password for certificate ${thumbprint} failed (${(error as Error).message}).`);
  }
}

/** The password, for use inside the engine only (authenticating to the proxy); never put it in a response. */
export function decryptPassword(encryptedBase64: string, privateKey: KeyObject, thumbprint: string): string {
  const data = Buffer.from(encryptedBase64, 'base64');
  let bytes: Buffer;
  try {
    bytes = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, data);
  } catch {
    throw new MdiInputError(ErrorCode.PasswordDecryptFailed,
      `The stored proxy password does not decrypt with the private key of certificate ${thumbprint} (another key, or damaged EncryptedBytes).`);
  }
  if (bytes.length % 2 !== 0) throw new MdiInputError(ErrorCode.PasswordDecryptFailed, 'The decrypted proxy password is not UTF-16 text (odd length).');
  return bytes.toString('utf16le');
}
