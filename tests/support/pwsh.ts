// One way to drive a real PowerShell 7 from the tests (node-powershell), shared by every real-pwsh test file.
// PowerShell is required: `scripts/setup.sh` installs 7.6.10. Only a developer who sets MDI_SKIP_PWSH=1 (and
// is not in CI) may run the suite without it; the skip is then printed, never silent.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PowerShell } from 'node-powershell';
import { afterAll, beforeAll } from 'vitest';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const manifest = join(repo, 'MDIConnectivity.psd1');

function findPwsh(): string | undefined {
  const candidates = [
    process.env.NODE_POWERSHELL,
    join(homedir(), '.cache', 'mdi-connectivity', 'pwsh', 'pwsh'),
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => [join(dir, 'pwsh'), join(dir, 'pwsh.exe')]),
  ];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

const found = findPwsh();
const skipAllowed = process.env.MDI_SKIP_PWSH === '1' && !process.env.CI;
if (!found && !skipAllowed) {
  throw new Error('pwsh not found: run `bash scripts/setup.sh` (it installs PowerShell 7.6.10). Set MDI_SKIP_PWSH=1 to skip the real-PowerShell tests on a developer machine.');
}
if (!found) console.warn('real-PowerShell tests SKIPPED: pwsh not found and MDI_SKIP_PWSH=1');

/** The pwsh executable, or undefined only when a developer explicitly asked to skip. */
export const pwsh = found;
/** True when the real-PowerShell tests must be skipped (developer opt-in only). */
export const skipPwsh = !found;

/** A Node.js the module accepts (22+): the one running the tests, else the devDependency's. */
export const nodeForModule = Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : join(repo, 'node_modules', 'node', 'bin', 'node');

export const psString = (text: string): string => `'${text.replace(/'/g, "''")}'`;
export const psArray = (values: string[]): string => `@(${values.map(psString).join(', ')})`;

export interface Envelope {
  ok: boolean;
  value?: unknown;
  id?: string;
  category?: string;
  message?: string;
}

/**
 * A pwsh child with plain-text output rendering: pwsh 7.6 otherwise writes terminal escape codes (with
 * TERM=xterm) in front of lines, and a marker must be found at the start of its line. `executable` may be a
 * wrapper that starts pwsh elsewhere (the fleet's admin namespace).
 */
export function newShell(env: NodeJS.ProcessEnv = {}, executable: string = pwsh!): PowerShell {
  return new PowerShell({
    executable,
    executableOptions: { '-NoProfile': true, '-NonInteractive': true },
    spawnOptions: { env: { ...process.env, TERM: 'dumb', NO_COLOR: '1', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off', ...env } },
    throwOnInvocationError: false,
  });
}

const MARKER = '@@MDI@@';

/**
 * Runs PowerShell and returns its output as JSON, or the id and message of the error that stopped it.
 * Warnings, verbose and progress go to the console and are kept out of the result.
 */
export async function run(shell: PowerShell, script: string, depth = 6): Promise<Envelope> {
  const line =
    `$PSStyle.OutputRendering = 'PlainText'; ` +
    `$__r = try { $ErrorActionPreference = 'Stop'; @{ ok = $true; value = @(& { ${script} }) } } ` +
    `catch { @{ ok = $false; id = [string]$_.FullyQualifiedErrorId; category = [string]$_.CategoryInfo.Category; message = [string]$_.Exception.Message } }; ` +
    `'${MARKER}' + ($__r | ConvertTo-Json -Depth ${depth} -Compress)`;
  const result = await shell.invoke(line);
  const json = result.raw
    .split(/\r?\n/)
    .reverse()
    .find((l) => l.startsWith(MARKER));
  if (!json) throw new Error(`no result from PowerShell for: ${script}\n${result.raw}`);
  return JSON.parse(json.slice(MARKER.length)) as Envelope;
}

/** A shell with the module imported from the checkout, the test Node in MDI_NODE and progress off. */
export async function moduleShell(env: NodeJS.ProcessEnv = {}, executable: string = pwsh!): Promise<PowerShell> {
  const shell = newShell(env, executable);
  const setup = await run(
    shell,
    `$ProgressPreference = 'SilentlyContinue'; $global:ProgressPreference = 'SilentlyContinue'; ` +
      `$env:MDI_NODE = ${psString(nodeForModule)}; Import-Module ${psString(manifest)} -Force; 'ok'`,
  );
  if (!setup.ok) throw new Error(`Import-Module failed: ${setup.id}: ${setup.message}`);
  return shell;
}

/**
 * One module shell for the enclosing describe block: opened before its tests, disposed after them.
 * Returns `run` bound to that shell.
 */
export function useModuleShell(env: NodeJS.ProcessEnv = {}): (script: string) => Promise<Envelope> {
  let shell: PowerShell | undefined;
  beforeAll(async () => {
    shell = await moduleShell(env);
  }, 60_000);
  afterAll(async () => {
    await shell?.dispose();
  });
  return (script) => run(shell!, script);
}
