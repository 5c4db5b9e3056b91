import { SCHEMA_VERSION, type DeployerSyntaxRequest, type DeployerSyntaxResponse } from '../contract/types.js';
import { ErrorCode, MdiInputError, invalidArgument } from '../errors.js';
import { hasCertificateInput } from '../sensor-config/certificates.js';
import { readSensorConfig } from '../sensor-config/config-file.js';
import { formatDeployerSyntax, parseDeployerSyntax, type DeployerSettings } from '../sensor-config/deployer-syntax.js';
import { checkProxyUrl } from '../sensor-config/proxy-url.js';
import { decryptStoredPassword } from '../sensor-config/stored-password.js';
import { term } from '../front-end.js';

/**
 * format: proxy settings (given, or read from SensorConfiguration.json) → the switches
 * of "Azure ATP sensor Setup.exe" / Deployer.exe. parse: the reverse. The password is
 * shown only with revealPassword; otherwise it is ********.
 */
export async function runDeployerSyntax(request: DeployerSyntaxRequest): Promise<DeployerSyntaxResponse> {
  const reveal = request.revealPassword === true;
  let settings: DeployerSettings;
  let ignored: string[] = [];
  const warnings: string[] = [];
  if (request.action === 'parse') {
    if (request.commandLine === undefined) throw invalidArgument('parse needs commandLine.');
    if (request.shell !== undefined && request.shell !== 'cmd' && request.shell !== 'argv') throw invalidArgument(`shell '${String(request.shell)}' is not cmd or argv.`);
    const parsed = parseDeployerSyntax(request.commandLine, request.shell ?? 'cmd');
    settings = parsed.settings;
    ignored = parsed.ignored;
    warnings.push(...parsed.warnings);
  } else if (request.action === 'format') {
    settings = await settingsToFormat(request);
  } else {
    throw invalidArgument(`Action '${String(request.action)}' is not format or parse.`);
  }
  if (reveal && settings.proxyUser !== null && settings.proxyPassword === null) {
    throw new MdiInputError(ErrorCode.SecretMissing, `${term('revealPassword')} was asked for, but the password is not known: give it with ${term('proxyPassword')}, or the certificate that decrypts the stored one (${term('certificatePath')}).`);
  }
  const formatted = formatDeployerSyntax(settings, reveal);
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'deployer-syntax',
    action: request.action,
    clear: settings.clear,
    proxyUrl: settings.proxyUrl,
    proxyUser: settings.proxyUser,
    passwordPresent: settings.proxyPassword !== null,
    passwordRevealed: reveal && settings.proxyPassword !== null,
    proxyPassword: reveal ? settings.proxyPassword : null,
    arguments: formatted.arguments,
    cmdCommandLine: formatted.cmdCommandLine,
    ignored,
    warnings: [...warnings, ...formatted.warnings],
  };
}

async function settingsToFormat(request: DeployerSyntaxRequest): Promise<DeployerSettings> {
  const explicit = request.proxyUrl !== undefined || request.proxyUser !== undefined;
  if (request.clear) {
    if (explicit || request.sensorConfigurationPath) throw invalidArgument('clear takes no proxy values and no sensor configuration.');
    return { clear: true, proxyUrl: null, proxyUser: null, proxyPassword: null };
  }
  if (request.sensorConfigurationPath) {
    if (explicit) throw invalidArgument('Give either proxy values or a sensor configuration, not both.');
    const file = readSensorConfig(request.sensorConfigurationPath);
    if (!file.proxy?.url) return { clear: true, proxyUrl: null, proxyUser: null, proxyPassword: null };
    let password = request.proxyPassword ?? null;
    // The module decrypts on Windows and sends the password; elsewhere the certificate file opens it.
    if (password === null && file.proxy.userName && file.proxy.encryptedUserPasswordData && hasCertificateInput(request)) {
      password = await decryptStoredPassword(file, request);
    }
    return { clear: false, proxyUrl: file.proxy.url, proxyUser: file.proxy.userName, proxyPassword: file.proxy.userName ? password : null };
  }
  if (!request.proxyUrl?.trim()) throw invalidArgument('format needs proxyUrl, clear, or sensorConfigurationPath.');
  const user = request.proxyUser?.trim() ? request.proxyUser : null;
  if (!user && request.proxyPassword !== undefined) throw invalidArgument('A proxy password needs a proxy user.');
  return { clear: false, proxyUrl: checkProxyUrl(request.proxyUrl).url, proxyUser: user, proxyPassword: user ? (request.proxyPassword ?? null) : null };
}
