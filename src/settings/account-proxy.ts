import { networkInterfaces } from 'node:os';
import type { RouteChoice, SettingsInput } from '../contract/types.js';
import { describeFlags } from '../codecs/connection-settings.js';
import { MdiInputError } from '../errors.js';
import { compilePac, evaluatePac, type EvaluatePacOptions } from '../pac/evaluate-pac.js';
import { fetchPac, type FetchedPac } from '../pac/fetch-pac.js';
import { isPacError } from '../pac/pac-error.js';
import { parsePacResult } from '../pac/pac-result.js';
import { discoverWpad } from '../pac/wpad.js';
import { decideManualRoute } from '../wininet/manual-proxy.js';
import type { LoadedSettings } from './load-settings.js';
import { nameLookup } from './name-lookup.js';

export interface RouteContext {
  timeoutMs: number;
  log: (line: string) => void;
  input: SettingsInput;
  /** host:port → addresses (--resolve). */
  overrides: Map<string, string[]>;
}

type Account = RouteChoice['account'];

/**
 * The route WinINet takes for `account`, in WinINet's own order: automatic detection
 * (WPAD), then the automatic configuration script (PAC), then the manual proxy, then
 * direct. A step that fails falls through to the next, as the browser does. With
 * ProxySettingsPerUser = 0 every account reads the machine-wide settings.
 */
export async function routeForAccount(settings: LoadedSettings, account: Account, url: URL, ctx: RouteContext): Promise<RouteChoice> {
  if (account === 'WinHttp') return winHttpRoute(settings, url);
  const scope = settings.proxySettingsPerUser === 0 ? 'Machine' : account;
  const loaded = settings.scopes.get(scope)!;
  const steps: string[] = scope === 'Machine' ? ['ProxySettingsPerUser = 0: the machine-wide settings apply to every account'] : [];
  const choice = (source: RouteChoice['source'], proxyUrl: string | null, reason: string): RouteChoice => ({ account, scope, source, proxyUrl, reason, steps });
  if (loaded.error) return choice('Direct', null, `its settings cannot be read (${loaded.error.message}), so WinINet ignores them: direct`);
  if (!loaded.wininet) return choice('Direct', null, `no DefaultConnectionSettings under ${loaded.location.key}: direct`);
  const stored = loaded.wininet;
  const flags = describeFlags(stored.flags);
  if (flags.autoDetect) {
    const wpad = await tryWpad(settings, url, ctx, steps);
    if (wpad) return choice('Wpad', wpad.proxyUrl, wpad.reason);
  }
  if (flags.autoProxyUrl && stored.autoConfigUrl) {
    const pac = await tryPac(stored.autoConfigUrl, url, ctx, steps);
    if (pac) return choice('Pac', pac.proxyUrl, pac.reason);
  }
  if (!flags.proxy) return choice('Direct', null, steps.length ? 'no automatic method worked and no manual proxy is set: direct' : 'no proxy configured: direct');
  const manual = manualRoute(stored.proxyServer, stored.bypassList, url);
  steps.push(manual.reason);
  return choice(manual.proxyUrl ? 'Manual' : 'Direct', manual.proxyUrl, manual.reason);
}

/** -ProxySource Pac: a PAC given by the admin. Failing to fetch or run it is an input error. */
export async function routeFromPac(pacUrl: string, url: URL, ctx: RouteContext): Promise<{ proxyUrl: string | null; reason: string }> {
  try {
    const pac = await fetchPac(pacUrl, { timeoutMs: ctx.timeoutMs, ...connectOverride(pacUrl, ctx) });
    return await runPac(pac, url, ctx);
  } catch (error) {
    if (isPacError(error)) throw new MdiInputError(error.code as never, error.message);
    throw error;
  }
}

function winHttpRoute(settings: LoadedSettings, url: URL): RouteChoice {
  const loaded = settings.scopes.get('WinHttp')!;
  const base = { account: 'WinHttp' as const, scope: 'WinHttp' as const, steps: [] };
  if (loaded.error) return { ...base, source: 'Direct', proxyUrl: null, reason: `WinHttpSettings cannot be read (${loaded.error.message}): direct` };
  const stored = loaded.winhttp;
  if (!stored || !stored.proxyServer) return { ...base, source: 'Direct', proxyUrl: null, reason: 'WinHTTP is set to direct access (netsh winhttp show proxy)' };
  const manual = manualRoute(stored.proxyServer, stored.bypassList, url, false);
  return { ...base, source: manual.proxyUrl ? 'Manual' : 'Direct', proxyUrl: manual.proxyUrl, reason: `WinHTTP ${manual.reason}` };
}

function manualRoute(proxyServer: string, bypassList: string, url: URL, socksFallback = true): { proxyUrl: string | null; reason: string } {
  const decision = decideManualRoute({ proxyServer, bypassList, useProxy: true }, url, { socksFallback });
  if (decision.kind === 'direct' || !decision.proxy) return { proxyUrl: null, reason: decision.reason };
  if (decision.proxy.protocol === 'socks') return { proxyUrl: null, reason: `${decision.reason}; a SOCKS proxy cannot carry the sensor's traffic: direct` };
  const host = decision.proxy.host.includes(':') ? `[${decision.proxy.host}]` : decision.proxy.host;
  return { proxyUrl: `http://${host}:${decision.proxy.port}`, reason: decision.reason };
}

async function tryWpad(settings: LoadedSettings, url: URL, ctx: RouteContext, steps: string[]): Promise<{ proxyUrl: string | null; reason: string } | null> {
  if (!settings.dnsSuffix) {
    steps.push('automatic detection is on, but no DNS suffix is known (give -DnsSuffix): WPAD skipped');
    return null;
  }
  try {
    const found = await discoverWpad({
      dnsSuffix: settings.dnsSuffix,
      resolveHost: nameLookup(ctx.overrides, ctx.timeoutMs),
      port: ctx.input.wpadPort ?? 80,
      timeoutMs: ctx.timeoutMs,
    });
    steps.push(`WPAD found ${found.url} (tried ${found.candidatesTried.join(', ')})`);
    const pac = await runPac(found.pac, url, ctx);
    return { proxyUrl: pac.proxyUrl, reason: `WPAD ${found.url}: ${pac.reason}` };
  } catch (error) {
    if (!isPacError(error)) throw error;
    steps.push(`automatic detection failed: ${error.message}`);
    return null;
  }
}

async function tryPac(pacUrl: string, url: URL, ctx: RouteContext, steps: string[]): Promise<{ proxyUrl: string | null; reason: string } | null> {
  try {
    const pac = await fetchPac(pacUrl, { timeoutMs: ctx.timeoutMs, ...connectOverride(pacUrl, ctx) });
    const result = await runPac(pac, url, ctx);
    steps.push(`PAC ${pacUrl}: ${result.reason}`);
    return { proxyUrl: result.proxyUrl, reason: `PAC ${pacUrl}: ${result.reason}` };
  } catch (error) {
    if (!isPacError(error)) throw error;
    steps.push(`automatic configuration script failed: ${error.message}`);
    return null;
  }
}

export async function runPac(pac: FetchedPac, url: URL, ctx: RouteContext): Promise<PacChoice> {
  return pacChoice(await evaluatePac(pac.script, url.href, pacOptions(ctx)));
}

/**
 * The PAC evaluated once, for many URLs: each call runs FindProxyForURL for one URL, in the same
 * VM, bounded on its own. Throws the PacError of a script that cannot be used at all.
 */
export async function compileRoutePac(pac: FetchedPac, ctx: RouteContext): Promise<{ choose: (url: URL) => Promise<PacChoice>; dispose: () => void }> {
  const program = await compilePac(pac.script, pacOptions(ctx));
  return { choose: async (url) => pacChoice(await program.findProxyForUrl(url)), dispose: () => program.dispose() };
}

type PacChoice = { proxyUrl: string | null; reason: string };

function pacOptions(ctx: RouteContext): EvaluatePacOptions {
  return {
    myIpAddress: primaryAddress(),
    resolveHost: async (host) => (await nameLookup(ctx.overrides, ctx.timeoutMs)(host))[0] ?? null,
    onAlert: (message) => ctx.log(`PAC alert: ${message}`),
  };
}

function pacChoice(raw: string): PacChoice {
  const first = parsePacResult(raw)[0] ?? { kind: 'DIRECT' as const };
  if (first.kind === 'DIRECT') return { proxyUrl: null, reason: `FindProxyForURL returned "${raw}": direct` };
  if (first.kind !== 'PROXY' && first.kind !== 'HTTP') return { proxyUrl: null, reason: `FindProxyForURL returned "${raw}"; ${first.kind} proxies cannot carry the sensor's traffic: direct` };
  const host = first.host.includes(':') ? `[${first.host}]` : first.host;
  return { proxyUrl: `http://${host}:${first.port}`, reason: `FindProxyForURL returned "${raw}"` };
}

function connectOverride(pacUrl: string, ctx: RouteContext): { connectAddress?: string } {
  if (!/^https?:\/\//i.test(pacUrl)) return {};
  const target = new URL(pacUrl);
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const address = (ctx.overrides.get(`${target.hostname.toLowerCase()}:${port}`) ?? ctx.overrides.get(`${target.hostname.toLowerCase()}:*`))?.[0];
  return address ? { connectAddress: address } : {};
}

/** What myIpAddress() answers: this machine's first non-internal IPv4, as Windows' PAC host does. */
function primaryAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return '127.0.0.1';
}
