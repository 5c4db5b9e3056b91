import { readFileSync, statSync } from 'node:fs';
import { SCHEMA_VERSION, type SensorConfigRequest, type SensorConfigResponse } from '../contract/types.js';
import { writeFileSafely } from '../cli/safe-write.js';
import { ErrorCode, MdiInputError, invalidArgument } from '../errors.js';
import { chooseCertificate, hasCertificateInput, loadCertificates } from '../sensor-config/certificates.js';
import { readSensorConfig, type SensorConfigFile } from '../sensor-config/config-file.js';
import { encryptPassword } from '../sensor-config/password-crypto.js';
import { planProxyEdit, type ProxyBlock } from '../sensor-config/proxy-edit.js';
import { checkProxyUrl } from '../sensor-config/proxy-url.js';
import { checkStoredPassword } from '../sensor-config/stored-password.js';
import { term } from '../front-end.js';

const ACTIONS = ['get', 'set', 'clear'] as const;

/**
 * Get/Set/Clear-MDISensorProxyConfiguration on the file itself. Set and Clear write
 * here (backup, atomic replace, read-back); the module stops AATPSensorUpdater before
 * and starts it after, as the official command does.
 */
export async function runSensorConfig(request: SensorConfigRequest): Promise<SensorConfigResponse> {
  if (!(ACTIONS as readonly string[]).includes(request.action)) throw invalidArgument(`Action '${String(request.action)}' is not one of ${ACTIONS.join(', ')}.`);
  if (!request.sensorConfigurationPath) throw invalidArgument('Give sensorConfigurationPath: the SensorConfiguration.json to read.');
  const file = readForAction(request.sensorConfigurationPath, request.action);
  const base = {
    schemaVersion: SCHEMA_VERSION,
    command: 'sensor-config' as const,
    action: request.action,
    sourcePath: file.path,
    sensorType: 'Classic' as const,
    encoding: file.doc.encoding,
    secretManagerCertificateThumbprint: file.secretThumbprint,
    workspaceEndpoint: file.endpoint,
    sensorApiUrl: file.sensorApiUrl,
  };
  if (request.action === 'get') {
    if (request.proxyUrl !== undefined || request.proxyUser !== undefined || request.proxyPassword !== undefined) throw invalidArgument('get takes no proxy values.');
    const passwordCheck = file.proxy?.encryptedUserPasswordData && hasCertificateInput(request) ? await checkStoredPassword(file, request) : null;
    return { ...base, proxy: file.proxy, previous: file.proxy, change: null, passwordCheck, notes: getNotes(file) };
  }
  const block = await blockFor(request, file);
  const plan = planProxyEdit(file, block);
  const whatIf = request.whatIf === true;
  let backupPath: string | null = null;
  let written = false;
  if (plan.change.changed && !whatIf) {
    assertWritable(file);
    backupPath = writeFileSafely(file.path, plan.bytes).backup;
    written = true;
  }
  const notes = [
    plan.change.changed ? '' : block ? 'The file already holds this proxy configuration: nothing to write.' : 'The file has no proxy configuration: nothing to clear.',
    whatIf && plan.change.changed ? 'What if: nothing was written.' : '',
    written ? 'The sensor reads this file when it starts: restart the AATPSensorUpdater service (it restarts the sensor) for the change to take effect.' : '',
  ].filter(Boolean);
  return {
    ...base,
    proxy: plan.after.proxy,
    previous: file.proxy,
    change: { ...plan.change, whatIf, written, backupPath },
    passwordCheck: null,
    notes,
  };
}

/** Reads the file; an unusable one stops Set and Clear before any write, and only they say so. */
function readForAction(path: string, action: SensorConfigRequest['action']): SensorConfigFile {
  try {
    return readSensorConfig(path);
  } catch (error) {
    if (action === 'get' || !(error instanceof MdiInputError)) throw error;
    throw new MdiInputError(error.code, `${error.message.replace(/\.$/, '')}; nothing was changed.`);
  }
}

/** What Set writes, from the request: null clears (an empty URL clears, as the official command). */
async function blockFor(request: SensorConfigRequest, file: SensorConfigFile): Promise<ProxyBlock | null> {
  const user = request.proxyUser?.trim();
  const clearing = request.action === 'clear' || !request.proxyUrl?.trim();
  if (clearing) {
    if (request.action === 'clear' && request.proxyUrl !== undefined) throw invalidArgument('clear takes no proxy URL.');
    if (user || request.proxyPassword !== undefined) throw invalidArgument('A proxy user or password needs a proxy URL; without one the configuration is cleared.');
    return null;
  }
  const url = checkProxyUrl(request.proxyUrl!).url;
  if (request.proxyUser !== undefined && !user) throw invalidArgument('The proxy user name is empty.');
  if (!user) {
    if (request.proxyPassword !== undefined) throw invalidArgument('A proxy password needs a proxy user.');
    return { url };
  }
  if (request.proxyPassword === undefined) throw new MdiInputError(ErrorCode.SecretMissing, `No password for proxy user '${user}': give it with ${term('proxyPassword')}.`);
  const thumbprint = file.secretThumbprint;
  if (!thumbprint) {
    throw new MdiInputError(ErrorCode.SensorConfigInvalid, `${file.path} has no SecretManagerConfigurationCertificateThumbprint, so there is no certificate the sensor could decrypt a password with; nothing was changed.`);
  }
  if (!hasCertificateInput(request)) {
    throw new MdiInputError(ErrorCode.CertificateMissing, `Storing a proxy password needs the sensor's certificate ${thumbprint} (from LocalMachine\\My on the sensor; ${term('certificatePath')} with a PEM, DER or PFX elsewhere).`);
  }
  const chosen = chooseCertificate(await loadCertificates(request), thumbprint, `the SecretManagerConfigurationCertificateThumbprint of ${file.path}`);
  return { url, credentials: { userName: user, encryptedBytes: encryptPassword(request.proxyPassword, chosen.certificate, chosen.thumbprint), thumbprint: chosen.thumbprint } };
}

/**
 * POSIX lets a rename replace a file without write permission, and root ignores the
 * bits anyway; Windows refuses to replace a read-only file. Treat the read-only mark
 * (no write bit / the read-only attribute) as the admin's "do not change" on every OS,
 * and make sure the file is still the one we planned from (the updater may rewrite it).
 */
function assertWritable(file: SensorConfigFile): void {
  if ((statSync(file.path).mode & 0o222) === 0) {
    throw new MdiInputError(ErrorCode.SensorConfigReadOnly, `'${file.path}' is marked read-only; nothing was changed. Clear the read-only mark first if the change is intended.`);
  }
  if (!readFileSync(file.path).equals(file.doc.bytes)) {
    throw new MdiInputError(ErrorCode.WriteFailed, `'${file.path}' changed while the edit was prepared (is the AATPSensorUpdater service running?); nothing was written. Run the command again.`);
  }
}

function getNotes(file: SensorConfigFile): string[] {
  const notes: string[] = [];
  if (!file.proxy) notes.push('No proxy is configured in the sensor configuration: the sensor uses its accounts\' system proxy settings, or goes direct.');
  if (!file.secretThumbprint) notes.push('The file has no SecretManagerConfigurationCertificateThumbprint: a proxy password cannot be stored.');
  if (!file.endpoint) notes.push('The file has no workspace endpoint: give the workspace or sensor API URL to test the connection.');
  return notes;
}
