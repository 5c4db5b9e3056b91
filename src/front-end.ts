// Which front end asked, and its names for the things a user gives: the one place engine texts look them up.
// The request's frontEnd holds for everything that runs on its behalf (AsyncLocalStorage), so a message built
// deep in a probe or a file reader speaks -ProxyCredential to PowerShell and --proxy-user to the CLI.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FrontEnd } from './contract/request-envelope.js';

// Made when a request first names a front end other than the CLI's: a CLI run never pays for it.
let current: AsyncLocalStorage<FrontEnd> | undefined;

/** Runs one request's work with its front end's names; none given means the CLI. */
export function withFrontEnd<T>(frontEnd: FrontEnd | undefined, work: () => T): T {
  if (!current && (frontEnd ?? 'CLI') === 'CLI') return work();
  current ??= new AsyncLocalStorage<FrontEnd>();
  return current.run(frontEnd ?? 'CLI', work);
}

export function frontEnd(): FrontEnd {
  return current?.getStore() ?? 'CLI';
}

const TERMS = {
  proxyUser: { CLI: '--proxy-user', PowerShell: '-ProxyCredential' },
  proxyPassword: { CLI: 'stdin or MDI_PROXY_PASSWORD', PowerShell: '-ProxyCredential' },
  certificatePath: { CLI: '--certificate-path', PowerShell: '-CertificatePath' },
  certificatePassword: { CLI: 'MDI_CERTIFICATE_PASSWORD', PowerShell: '-CertificatePassword' },
  revealPassword: { CLI: '--reveal-password', PowerShell: '-RevealPassword' },
  resolve: { CLI: '--resolve', PowerShell: '-Resolve' },
  trustedRoot: { CLI: '--trusted-root', PowerShell: '-TrustedRootCertificate' },
  timeout: { CLI: '--timeout-sec', PowerShell: '-TimeoutSec' },
  workspace: { CLI: '--workspace', PowerShell: '-WorkspaceName' },
  sensorApiUrl: { CLI: '--sensor-api-url', PowerShell: '-SensorApiUrl' },
  host: { CLI: '--host', PowerShell: '-HostName' },
  region: { CLI: '--region', PowerShell: '-Region' },
  streamlined: { CLI: '--streamlined', PowerShell: '-Streamlined' },
  regFile: { CLI: '--reg-file', PowerShell: '-Path' },
  /** The Deployer output's two forms (JSON field names in the CLI, properties in PowerShell). */
  cmdLine: { CLI: 'cmdCommandLine', PowerShell: 'CommandLine' },
  switches: { CLI: '"arguments"', PowerShell: 'Arguments' },
} as const satisfies Record<string, Record<FrontEnd, string>>;

/** The current front end's name for a thing the user gives. */
export function term(name: keyof typeof TERMS): string {
  return TERMS[name][frontEnd()];
}
