// Test-MDISensorApiConnection -UseCurrentConfiguration, engine side: the sensor API
// endpoint and the proxy (with its credentials) as the classic sensor itself would
// take them from SensorConfiguration.json.

import type { TestRequest } from '../contract/types.js';
import { ErrorCode, MdiInputError, invalidArgument } from '../errors.js';
import { proxySpecFrom, type ProxySpec } from '../request/probe-options.js';
import { hasCertificateInput } from './certificates.js';
import { readSensorConfig, type SensorConfigFile } from './config-file.js';
import { decryptStoredPassword } from './stored-password.js';
import { term } from '../front-end.js';

export interface SensorConfigRoute {
  file: SensorConfigFile;
  /** The configured proxy with its credentials; null when the file names none. */
  proxy: ProxySpec | null;
  reason: string;
}

/** Read only when the route may come from it: -ProxySource SensorConfiguration, or Auto with a file given. */
export async function loadSensorConfigRoute(request: TestRequest): Promise<SensorConfigRoute | null> {
  const source = request.proxySource ?? 'Auto';
  if (!request.sensorConfigurationPath) {
    if (source === 'SensorConfiguration') {
      throw invalidArgument('-ProxySource SensorConfiguration needs the sensor configuration: run on the sensor, or give the path of SensorConfiguration.json.');
    }
    return null;
  }
  if (source !== 'SensorConfiguration' && source !== 'Auto') return null;
  const file = readSensorConfig(request.sensorConfigurationPath);
  const configured = file.proxy?.url;
  if (!configured) return { file, proxy: null, reason: `${file.path} names no proxy` };
  const user = file.proxy?.userName ?? undefined;
  let password = user ? request.proxyPassword : undefined;
  if (user && password === undefined) {
    if (!hasCertificateInput(request)) {
      throw new MdiInputError(ErrorCode.SecretMissing,
        `The sensor configuration authenticates to the proxy as '${user}': on the sensor the module decrypts the password; elsewhere give the sensor's certificate with its private key (PFX or PEM) with ${term('certificatePath')} (and ${term('certificatePassword')} when it has one) to decrypt it.`);
    }
    password = await decryptStoredPassword(file, request);
  }
  const proxy = proxySpecFrom(configured, user, password);
  return { file, proxy, reason: `proxy from the sensor configuration: ${proxy.display}${user ? ` as ${user}` : ''}` };
}
