// The installer's and the Deployer's proxy switches (FACTS §1):
//   ProxyUrl="http://host:port" ProxyUserName="DOMAIN\user" ProxyUserPassword="…"
//   ClearProxyConfiguration
// so a configuration can move between SensorConfiguration.json and a command line.

import { ErrorCode, MdiInputError } from '../errors.js';
import { checkProxyUrl } from './proxy-url.js';
import { escapeForCmd, quoteArgument, splitCommandLine, unescapeCmd } from './windows-args.js';
import { term } from '../front-end.js';

export const DEPLOYER = 'Microsoft.Tri.Sensor.Deployment.Deployer.exe';
export const MASK = '********';
const CLEAR = 'ClearProxyConfiguration';
const KEYS = { proxyurl: 'ProxyUrl', proxyusername: 'ProxyUserName', proxyuserpassword: 'ProxyUserPassword' } as const;

export interface DeployerSettings {
  clear: boolean;
  proxyUrl: string | null;
  proxyUser: string | null;
  /** null: not known (not given, not parsed, not decrypted). */
  proxyPassword: string | null;
}

export interface FormattedSyntax {
  arguments: string;
  cmdCommandLine: string;
  warnings: string[];
}

export function formatDeployerSyntax(settings: DeployerSettings, reveal: boolean): FormattedSyntax {
  if (settings.clear) return { arguments: CLEAR, cmdCommandLine: `${DEPLOYER} ${CLEAR}`, warnings: [] };
  const warnings: string[] = [];
  if ([settings.proxyUrl, settings.proxyUser, settings.proxyPassword].some((v) => v !== null && /[\r\n\0]/.test(v))) {
    throw invalid('a value contains a line break or NUL, which no command line can carry');
  }
  const parts = [`ProxyUrl=${quoteArgument(settings.proxyUrl ?? '')}`];
  if (settings.proxyUser !== null) {
    parts.push(`ProxyUserName=${quoteArgument(settings.proxyUser)}`);
    if (settings.proxyPassword === null) warnings.push(`The password is not known here: replace ${MASK} with it (or decrypt it with the sensor's certificate, ${term('certificatePath')}).`);
    const shown = reveal && settings.proxyPassword !== null ? settings.proxyPassword : MASK;
    parts.push(`ProxyUserPassword=${quoteArgument(shown)}`);
  }
  const args = parts.join(' ');
  const visible = [settings.proxyUrl, settings.proxyUser, reveal ? settings.proxyPassword : null].filter((v): v is string => v !== null);
  if (visible.some((v) => v.includes('"'))) {
    warnings.push(`A value contains a double quote, where cmd.exe's own quoting ends: ${term('cmdLine')} puts ^ before any & | < > ^ after it; pass ${term('switches')} unchanged when starting the program any other way (Start-Process, msiexec tooling).`);
  }
  if (visible.some((v) => /%[^%\s]+%|!/.test(v))) {
    warnings.push('A value contains %…% or !: cmd.exe may expand it as a variable (in a .cmd file, double each %); check the command before running it.');
  }
  return { arguments: args, cmdCommandLine: `${DEPLOYER} ${escapeForCmd(args)}`, warnings };
}

export interface ParsedSyntax {
  settings: DeployerSettings;
  ignored: string[];
  warnings: string[];
}

/** Reads a command line (with or without the program name); other switches are listed by name only. */
export function parseDeployerSyntax(line: string, shell: 'cmd' | 'argv'): ParsedSyntax {
  if (/[\r\n\0]/.test(line.replace(/\r?\n$/, ''))) throw invalid('the command line spans several lines; give one line');
  const split = splitCommandLine(shell === 'cmd' ? unescapeCmd(line.replace(/\r?\n$/, '')) : line.replace(/\r?\n$/, ''));
  const warnings = split.unterminated ? ['A double quote is not closed: the rest of the line was read as one value.'] : [];
  const ignored: string[] = [];
  const found: Partial<Record<(typeof KEYS)[keyof typeof KEYS], string>> = {};
  let clear = false;
  split.args.forEach((arg, index) => {
    // The program itself: "Azure ATP sensor Setup.exe", Deployer.exe, or a path to either.
    if (index === 0 && /\.exe$/i.test(arg)) return;
    if (arg.toLowerCase() === CLEAR.toLowerCase()) {
      clear = true;
      return;
    }
    const eq = arg.indexOf('=');
    const key = eq > 0 ? KEYS[arg.slice(0, eq).toLowerCase() as keyof typeof KEYS] : undefined;
    if (!key) {
      // AccessKey=… is a secret too: only the name of a Key=value switch is shown.
      ignored.push(eq > 0 ? `${arg.slice(0, eq)}=…` : arg);
      return;
    }
    if (found[key] !== undefined) warnings.push(`${key} is given more than once: the last one counts.`);
    found[key] = arg.slice(eq + 1);
  });
  const proxyUrl = found.ProxyUrl?.trim() ? checkProxyUrl(found.ProxyUrl).url : null;
  const proxyUser = found.ProxyUserName?.trim() ? found.ProxyUserName : null;
  const proxyPassword = found.ProxyUserPassword ?? null;
  if (clear && (proxyUrl || proxyUser)) throw invalid(`${CLEAR} cannot be combined with ProxyUrl or ProxyUserName`);
  if (!clear && !proxyUrl) throw invalid(`no ProxyUrl="…" (or ${CLEAR}) found`);
  if (proxyPassword !== null && !proxyUser) throw invalid('ProxyUserPassword is given without ProxyUserName');
  if (proxyUser && proxyPassword === null) warnings.push('ProxyUserName is given without ProxyUserPassword.');
  if (proxyPassword === MASK) warnings.push(`The password is the mask ${MASK}, not a real password.`);
  return { settings: { clear, proxyUrl, proxyUser, proxyPassword }, ignored, warnings };
}

function invalid(why: string): MdiInputError {
  return new MdiInputError(ErrorCode.DeployerSyntaxInvalid, `Not a usable installer/Deployer proxy command line: ${why}.`);
}
