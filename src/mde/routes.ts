import type { MdeRoute, MdeRouteKind, MdeTestRequest } from '../contract/types.js';
import { isPacError } from '../pac/pac-error.js';
import { proxySpecFrom, type ProxySpec } from '../request/probe-options.js';
import { routeForAccount, runPac, type RouteContext } from '../settings/account-route.js';
import { loadSettings } from '../settings/load-settings.js';
import { nameLookup } from '../settings/name-lookup.js';
import { hasSettingsInput } from '../settings/settings-input.js';
import { discoverWpad } from '../pac/wpad.js';
import { loadUnifiedValues } from '../sensor-config/unified-values.js';

/** How one route sends one URL: through a proxy, directly, or not at all (the route does not exist). */
export type RouteAnswer = { kind: 'proxy'; proxy: ProxySpec; reason: string } | { kind: 'direct'; reason: string } | { kind: 'absent'; reason: string } | { kind: 'failed'; reason: string; analyzerCode: number };

export interface MdeRoutePlan {
  route: MdeRoute;
  /** Where this route sends `url` (WPAD and WinHTTP bypass lists decide per URL). */
  forUrl: (url: URL) => Promise<RouteAnswer>;
}

export const MDE_ROUTE_LABELS: Record<MdeRouteKind, string> = {
  DefaultProxy: 'Default proxy',
  Wpad: 'Proxy auto discovery (WPAD)',
  Direct: 'Proxy disabled',
  NamedProxy: 'Named proxy',
  CommandLineProxy: 'Command line proxy',
};

// WinHTTP's ERROR_WINHTTP_AUTODETECTION_FAILED: what the analyzer prints when WPAD finds nothing.
const AUTODETECTION_FAILED = 12180;

/**
 * The Client Analyzer's five routes (FACTS §6), worked out once: 1 the WinHTTP default
 * proxy, 2 WPAD auto-discovery, 3 direct, 4 TelemetryProxyServer, 5 the proxy given on
 * the command line. Proxies are used without credentials: the sensor runs as SYSTEM
 * and needs anonymous access through the proxy.
 */
export async function planMdeRoutes(request: MdeTestRequest, ctx: RouteContext): Promise<MdeRoutePlan[]> {
  const route = (number: number, kind: MdeRouteKind, exists: boolean, proxy: string | null, reason: string): MdeRoute =>
    ({ number, kind, label: MDE_ROUTE_LABELS[kind], exists, proxy, reason });
  const fixed = (number: number, kind: MdeRouteKind, raw: string | null, absent: string, what: string): MdeRoutePlan => {
    if (!raw) return { route: route(number, kind, false, null, absent), forUrl: async () => ({ kind: 'absent', reason: absent }) };
    const proxy = proxySpecFrom(raw);
    const reason = `${what}: ${proxy.display}`;
    return { route: route(number, kind, true, proxy.display, reason), forUrl: async () => ({ kind: 'proxy', proxy, reason }) };
  };
  const settings = hasSettingsInput(request) ? loadSettings(request) : null;
  const named = loadUnifiedValues({ ...request, command: 'unified-proxy', action: 'get' }).values.telemetryProxyServer?.trim() || null;
  return [
    defaultProxyRoute(settings, ctx, route(1, 'DefaultProxy', settings !== null, null, settings ? 'WinHTTP default proxy (WinHttpSettings)' : 'no WinHTTP settings given (the live registry on Windows, or a .reg export)')),
    await wpadRoute(settings?.dnsSuffix ?? request.dnsSuffix ?? null, request, ctx, route),
    { route: route(3, 'Direct', true, null, 'no proxy'), forUrl: async () => ({ kind: 'direct', reason: 'proxy disabled' }) },
    fixed(4, 'NamedProxy', named, 'TelemetryProxyServer is not set', 'TelemetryProxyServer'),
    fixed(5, 'CommandLineProxy', request.proxyUrl ?? null, 'no proxy given on the command line', 'proxy given on the command line'),
  ];
}

function defaultProxyRoute(settings: ReturnType<typeof loadSettings> | null, ctx: RouteContext, route: MdeRoute): MdeRoutePlan {
  if (!settings) return { route, forUrl: async () => ({ kind: 'absent', reason: route.reason }) };
  const stored = settings.scopes.get('WinHttp')?.winhttp;
  if (stored?.proxyServer) route.proxy = stored.proxyServer;
  return {
    route,
    forUrl: async (url) => {
      const choice = await routeForAccount(settings, 'WinHttp', url, ctx);
      return choice.proxyUrl ? { kind: 'proxy', proxy: proxySpecFrom(choice.proxyUrl), reason: choice.reason } : { kind: 'direct', reason: choice.reason };
    },
  };
}

async function wpadRoute(dnsSuffix: string | null, request: MdeTestRequest, ctx: RouteContext, route: (n: number, k: MdeRouteKind, e: boolean, p: string | null, r: string) => MdeRoute): Promise<MdeRoutePlan> {
  if (!dnsSuffix) {
    const reason = 'no DNS suffix known, so WPAD cannot be looked up (give -DnsSuffix)';
    return { route: route(2, 'Wpad', false, null, reason), forUrl: async () => ({ kind: 'absent', reason }) };
  }
  try {
    const found = await discoverWpad({ dnsSuffix, resolveHost: nameLookup(ctx.overrides, ctx.timeoutMs), port: request.wpadPort ?? 80, timeoutMs: ctx.timeoutMs });
    const reason = `WPAD found ${found.url}`;
    return {
      route: route(2, 'Wpad', true, null, reason),
      forUrl: async (url) => {
        // Discovered once; the PAC decides per URL, as WinHTTP's auto-proxy does.
        const pac = await runPac(found.pac, url, ctx);
        return pac.proxyUrl ? { kind: 'proxy', proxy: proxySpecFrom(pac.proxyUrl), reason: `${reason}: ${pac.reason}` } : { kind: 'direct', reason: `${reason}: ${pac.reason}` };
      },
    };
  } catch (error) {
    if (!isPacError(error)) throw error;
    const reason = `WPAD discovery failed: ${error.message}`;
    return { route: route(2, 'Wpad', true, null, reason), forUrl: async () => ({ kind: 'failed', reason, analyzerCode: AUTODETECTION_FAILED }) };
  }
}
