// The proxy password a SensorConfiguration.json holds, opened with the private key
// of the certificate it was encrypted for. On Windows the module decrypts with the
// machine key and sends the password; off Windows the engine does it from a PEM/PFX.

import type { CertificateInput, PasswordCheck } from '../contract/types.js';
import { ErrorCode, MdiInputError } from '../errors.js';
import { chooseCertificate, loadCertificates } from './certificates.js';
import type { SensorConfigFile } from './config-file.js';
import { decryptPassword } from './password-crypto.js';

/** The thumbprint the stored password was encrypted for: its own record, else the secret manager's. */
export function passwordThumbprint(file: SensorConfigFile): string | null {
  return file.proxy?.certificateThumbprint ?? file.secretThumbprint;
}

export async function decryptStoredPassword(file: SensorConfigFile, input: CertificateInput): Promise<string> {
  const encrypted = file.proxy?.encryptedUserPasswordData;
  if (!encrypted) throw new MdiInputError(ErrorCode.SecretMissing, `${file.path} stores no proxy password (EncryptedUserPasswordData is empty).`);
  const thumbprint = passwordThumbprint(file);
  if (!thumbprint) throw new MdiInputError(ErrorCode.SensorConfigInvalid, `${file.path} does not say which certificate protects the proxy password.`);
  const chosen = chooseCertificate(await loadCertificates(input), thumbprint, 'the certificate the stored password was encrypted for');
  if (!chosen.privateKey) {
    throw new MdiInputError(ErrorCode.CertificateMissing, `Decrypting the stored proxy password needs the private key of certificate ${chosen.thumbprint}: give a PFX or a PEM that holds the key.`);
  }
  return decryptPassword(encrypted, chosen.privateKey, chosen.thumbprint);
}

/** For get: whether the password opens, without ever returning it. */
export async function checkStoredPassword(file: SensorConfigFile, input: CertificateInput): Promise<PasswordCheck> {
  try {
    await decryptStoredPassword(file, input);
    return { decrypted: true, detail: `The stored password decrypts with the private key of certificate ${passwordThumbprint(file)}.` };
  } catch (error) {
    if (error instanceof MdiInputError) return { decrypted: false, detail: `${error.code}: ${error.message}` };
    throw error;
  }
}
