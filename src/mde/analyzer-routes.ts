import type { MdeRoute, MdeRouteKind, MdeTestRequest } from '../contract/types.js';
import { isPacError } from '../pac/pac-error.js';
import { discoverWpad } from '../pac/wpad.js';
import { proxySpecFrom, type ProxySpec } from '../request/probe-options.js';
import { loadUnifiedValues } from '../sensor-config/unified-values.js';
import { compileRoutePac, routeForAccount, type RouteContext } from '../settings/account-proxy.js';
import { loadSettings, type LoadedSettings } from '../settings/load-settings.js';
import { nameLookup } from '../settings/name-lookup.js';
import { hasSettingsInput } from '../settings/settings-input.js';

/** How one route sends one URL: through a proxy, directly, or not at all (the route does not exist). */
export type RouteAnswer =
  | { kind: 'proxy'; proxy: ProxySpec; reason: string }
  | { kind: 'direct'; reason: string }
  | { kind: 'absent'; reason: string }
  | { kind: 'failed'; reason: string; analyzerCode: number };

export interface MdeRoutePlan {
  route: MdeRoute;
  /** Where this route sends `url` (WPAD and WinHTTP bypass lists decide per URL). */
  forUrl: (url: URL) => Promise<RouteAnswer>;
  /** Frees what the plan holds (the WPAD route's PAC VM) once every URL has been asked. */
  close?: () => void;
}

/** The analyzer's labels, in its order (the route number is the position). */
export const MDE_ROUTE_LABELS: Record<MdeRouteKind, string> = {
  DefaultProxy: 'Default proxy',
  Wpad: 'Proxy auto discovery (WPAD)',
  Direct: 'Proxy disabled',
  NamedProxy: 'Named proxy',
  CommandLineProxy: 'Command line proxy',
};
const ORDER = Object.keys(MDE_ROUTE_LABELS) as MdeRouteKind[];

// WinHTTP's ERROR_WINHTTP_AUTODETECTION_FAILED: what the analyzer prints when WPAD finds nothing.
const AUTODETECTION_FAILED = 12180;
// WinHTTP's ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT: the PAC was found but fails to run (for this URL).
const BAD_AUTO_PROXY_SCRIPT = 12166;

/**
 * The Client Analyzer's five routes (FACTS §6), worked out once: 1 the WinHTTP default
 * proxy, 2 WPAD auto-discovery, 3 direct, 4 TelemetryProxyServer, 5 the proxy given on
 * the command line. Proxies are used without credentials: the sensor runs as SYSTEM
 * and needs anonymous access through the proxy.
 */
export async function planMdeRoutes(request: MdeTestRequest, ctx: RouteContext): Promise<MdeRoutePlan[]> {
  const settings = hasSettingsInput(request) ? loadSettings(request) : null;
  const named = loadUnifiedValues({ ...request, command: 'unified-proxy', action: 'get' }).values.telemetryProxyServer?.trim() || null;
  return [
    settings ? defaultProxyRoute(settings, ctx) : absent('DefaultProxy', 'no WinHTTP settings given (the live registry on Windows, or a .reg export)'),
    await wpadRoute(settings?.dnsSuffix ?? request.dnsSuffix ?? null, request, ctx),
    { route: mdeRoute('Direct', true, null, 'no proxy'), forUrl: async () => ({ kind: 'direct', reason: 'proxy disabled' }) },
    named ? fixedProxy('NamedProxy', named, 'TelemetryProxyServer') : absent('NamedProxy', 'TelemetryProxyServer is not set'),
    request.proxyUrl ? fixedProxy('CommandLineProxy', request.proxyUrl, 'proxy given on the command line') : absent('CommandLineProxy', 'no proxy given on the command line'),
  ];
}

function mdeRoute(kind: MdeRouteKind, exists: boolean, proxy: string | null, reason: string): MdeRoute {
  return { number: ORDER.indexOf(kind) + 1, kind, label: MDE_ROUTE_LABELS[kind], exists, proxy, reason };
}

function absent(kind: MdeRouteKind, reason: string): MdeRoutePlan {
  return { route: mdeRoute(kind, false, null, reason), forUrl: async () => ({ kind: 'absent', reason }) };
}

function fixedProxy(kind: MdeRouteKind, raw: string, what: string): MdeRoutePlan {
  const proxy = proxySpecFrom(raw);
  const reason = `${what}: ${proxy.display}`;
  return { route: mdeRoute(kind, true, proxy.display, reason), forUrl: async () => ({ kind: 'proxy', proxy, reason }) };
}

function defaultProxyRoute(settings: LoadedSettings, ctx: RouteContext): MdeRoutePlan {
  const stored = settings.scopes.get('WinHttp')?.winhttp;
  return {
    route: mdeRoute('DefaultProxy', true, stored?.proxyServer || null, 'WinHTTP default proxy (WinHttpSettings)'),
    forUrl: async (url) => {
      const choice = await routeForAccount(settings, 'WinHttp', url, ctx);
      return choice.proxyUrl ? { kind: 'proxy', proxy: proxySpecFrom(choice.proxyUrl), reason: choice.reason } : { kind: 'direct', reason: choice.reason };
    },
  };
}

async function wpadRoute(dnsSuffix: string | null, request: MdeTestRequest, ctx: RouteContext): Promise<MdeRoutePlan> {
  if (!dnsSuffix) return absent('Wpad', 'no DNS suffix known, so WPAD cannot be looked up (give -DnsSuffix)');
  let found: Awaited<ReturnType<typeof discoverWpad>>;
  try {
    found = await discoverWpad({ dnsSuffix, resolveHost: nameLookup(ctx.overrides, ctx.timeoutMs), port: request.wpadPort ?? 80, timeoutMs: ctx.timeoutMs });
  } catch (error) {
    if (!isPacError(error)) throw error;
    const reason = `WPAD discovery failed: ${error.message}`;
    return { route: mdeRoute('Wpad', true, null, reason), forUrl: async () => ({ kind: 'failed', reason, analyzerCode: AUTODETECTION_FAILED }) };
  }
  const reason = `WPAD found ${found.url}`;
  // Evaluated once for all of the region's URLs, as WinHTTP's auto-proxy does; the PAC decides per URL.
  let pac: Awaited<ReturnType<typeof compileRoutePac>>;
  try {
    pac = await compileRoutePac(found.pac, ctx);
  } catch (error) {
    if (!isPacError(error)) throw error;
    const why = `${reason}, but its PAC script cannot be used (${error.code}): ${error.message}`;
    return { route: mdeRoute('Wpad', true, null, why), forUrl: async () => ({ kind: 'failed', reason: why, analyzerCode: BAD_AUTO_PROXY_SCRIPT }) };
  }
  return {
    route: mdeRoute('Wpad', true, null, reason),
    forUrl: async (url) => {
      try {
        const choice = await pac.choose(url);
        const why = `${reason}: ${choice.reason}`;
        return choice.proxyUrl ? { kind: 'proxy', proxy: proxySpecFrom(choice.proxyUrl), reason: why } : { kind: 'direct', reason: why };
      } catch (error) {
        // One URL's failure (a throw, a loop stopped at its bound, an unusable answer) is that URL's outcome.
        if (!isPacError(error)) throw error;
        return { kind: 'failed', reason: `${reason}, but its FindProxyForURL failed for this URL (${error.code}): ${error.message}`, analyzerCode: BAD_AUTO_PROXY_SCRIPT };
      }
    },
    close: pac.dispose,
  };
}
