import type { DecodedConnectionSettings, RouteChoice, ScopeSettings } from '../contract/types.js';

const COMPARED: (keyof DecodedConnectionSettings)[] = ['useProxy', 'proxyServer', 'bypassList', 'useAutoConfigUrl', 'autoConfigUrl', 'autoDetect'];
const SERVICE_ACCOUNTS = [
  { scope: 'LocalService', role: 'the sensor' },
  { scope: 'LocalSystem', role: 'the updater' },
] as const;

/**
 * Sentences an admin can act on: where the service accounts' settings differ from the
 * current user's (what the docs tell admins to copy), and where their routes differ.
 */
export function describeDifferences(scopes: ScopeSettings[], routes: RouteChoice[], machineWide: boolean): string[] {
  const byScope = new Map(scopes.map((scope) => [scope.scope, scope]));
  const routeOf = new Map(routes.map((route) => [route.account, route]));
  const user = byScope.get('CurrentUser');
  const lines: string[] = [];
  if (machineWide) lines.push('ProxySettingsPerUser = 0: every account uses the machine-wide settings, so per-account copies have no effect.');
  for (const { scope, role } of SERVICE_ACCOUNTS) {
    const account = byScope.get(scope);
    if (!account || !user?.settings) continue;
    if (!account.settings) {
      const state = account.present ? `has DefaultConnectionSettings that cannot be read (${account.error?.message ?? 'unknown'})` : 'has no DefaultConnectionSettings';
      lines.push(`${scope} (${role}) ${state} while the current user has some: copy them (Copy-MDIProxySetting -To ${scope}).`);
      continue;
    }
    const changed = COMPARED.filter((field) => account.settings![field] !== user.settings![field]);
    if (changed.length) {
      const shown = changed.map((field) => `${field} '${account.settings![field]}' vs '${user.settings![field]}'`).join(', ');
      lines.push(`${scope} (${role}) differs from the current user: ${shown}.`);
    }
  }
  const userRoute = routeOf.get('CurrentUser');
  for (const { scope, role } of SERVICE_ACCOUNTS) {
    const route = routeOf.get(scope);
    if (userRoute && route && route.proxyUrl !== userRoute.proxyUrl) {
      lines.push(`${scope} (${role}) goes ${describe(route)}, the current user ${describe(userRoute)}.`);
    }
  }
  const winHttp = routeOf.get('WinHttp');
  const service = routeOf.get('LocalService');
  if (winHttp?.proxyUrl && service && !service.proxyUrl) {
    lines.push(`WinHTTP has a proxy (${winHttp.proxyUrl}) but LocalService goes direct: the sensor reads WinINet settings, so configure those too.`);
  }
  return lines;
}

function describe(route: RouteChoice): string {
  return route.proxyUrl ? `through ${route.proxyUrl} (${route.source})` : 'direct';
}
