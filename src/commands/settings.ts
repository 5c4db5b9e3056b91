import { SCHEMA_VERSION, type RouteChoice, type ScopeSettings, type SettingsRequest, type SettingsResponse } from '../contract/types.js';
import { sensorEndpointFor } from '../endpoints/sensor-api.js';
import { invalidArgument } from '../errors.js';
import type { PhaseLog } from '../probe/phases.js';
import { commonProbeOptions } from '../request/probe-options.js';
import { routeForAccount } from '../settings/account-route.js';
import { describeDifferences } from '../settings/differences.js';
import { loadSettings, toScopeSettings } from '../settings/load-settings.js';
import { hasSettingsInput } from '../settings/settings-input.js';
import { SCOPE_LOCATIONS } from '../settings/scopes.js';
import { term } from '../front-end.js';

// Bypass rules are judged against a host: without a workspace, a name of the sensor domain stands in.
const NEUTRAL_URL = 'https://sensorapi.atp.azure.com/tri/sensor/api/ping';
const ACCOUNTS: RouteChoice['account'][] = ['CurrentUser', 'LocalService', 'LocalSystem', 'WinHttp'];

/** Decoded settings of every scope, the route each account would take, and where they differ. */
export async function runSettings(request: SettingsRequest, log: PhaseLog): Promise<SettingsResponse> {
  if (!hasSettingsInput(request)) {
    throw invalidArgument(`No settings to read: the module reads the live registry on Windows; elsewhere give a .reg export (${term('regFile')}).`);
  }
  const url = request.url ? parseUrl(request.url) : request.workspace ? sensorEndpointFor(request).url : new URL(NEUTRAL_URL);
  const settings = loadSettings(request);
  const { resolve: overrides, timeoutMs } = commonProbeOptions(request);
  const ctx = { timeoutMs, log, input: request, overrides };
  const routes: RouteChoice[] = [];
  for (const account of ACCOUNTS) routes.push(await routeForAccount(settings, account, url, ctx));
  const scopes: ScopeSettings[] = SCOPE_LOCATIONS.map((location) => toScopeSettings(settings.scopes.get(location.scope)!));
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'settings',
    source: settings.source,
    url: url.href,
    scopes,
    machineWide: settings.proxySettingsPerUser === 0,
    routes,
    differences: describeDifferences(scopes, routes, settings.proxySettingsPerUser === 0),
  };
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw invalidArgument(`URL '${raw}' is not valid.`);
  }
}
