import type { RouteChoice, TestRequest } from '../contract/types.js';
import { invalidArgument } from '../errors.js';
import { proxySpecFrom, type ProbeOptions } from '../request/probe-options.js';
import type { SensorConfigRoute } from '../sensor-config/configured-proxy.js';
import { routeForAccount, routeFromPac, type RouteContext } from './account-proxy.js';
import { loadSettings } from './load-settings.js';
import { hasSettingsInput } from './settings-input.js';
import type { PlannedRoute } from './planned-route.js';

export interface RoutePlan {
  routes: PlannedRoute[];
  notes: string[];
}

/**
 * Which routes to probe. Auto follows the sensor's own order: an explicit proxy first —
 * the -ProxyUrl parameter (the admin's override for this test), then the proxy in
 * SensorConfiguration.json when the request carries one (what the classic sensor itself
 * uses) — then the WinINet settings of the sensor's accounts (LocalService runs the
 * sensor, LocalSystem the updater; both are tested when they differ), then direct.
 */
export async function planRoutes(request: TestRequest, options: ProbeOptions, ctx: RouteContext, sensor: SensorConfigRoute | null = null): Promise<RoutePlan> {
  const source = request.proxySource ?? 'Auto';
  const parameter = (): PlannedRoute => {
    if (!options.proxy) throw invalidArgument('-ProxySource Parameter needs -ProxyUrl.');
    return { source: 'Parameter', accounts: [], reason: `proxy given as a parameter: ${options.proxy.display}`, proxy: options.proxy };
  };
  // The sensor (LocalService) and its updater (LocalSystem) both read the file.
  const configured = (proxy: NonNullable<SensorConfigRoute['proxy']>): PlannedRoute =>
    ({ source: 'SensorConfiguration', accounts: ['LocalService', 'LocalSystem'], reason: sensor!.reason, proxy });
  switch (source) {
    case 'Parameter':
      return { routes: [parameter()], notes: [] };
    case 'SensorConfiguration':
      if (!sensor) throw invalidArgument('-ProxySource SensorConfiguration needs the sensor configuration (SensorConfiguration.json).');
      if (sensor.proxy) return { routes: [configured(sensor.proxy)], notes: [] };
      return {
        routes: [{ source: 'SensorConfiguration', accounts: ['LocalService', 'LocalSystem'], reason: `${sensor.reason}: direct`, proxy: null }],
        notes: ['The sensor configuration names no proxy, so this test is direct; the sensor itself then follows its accounts\' proxy settings (-ProxySource Auto tests those).'],
      };
    case 'Direct':
      return { routes: [{ source: 'Direct', accounts: [], reason: 'direct, as asked', proxy: null }], notes: [] };
    case 'Pac': {
      if (!request.pacUrl) throw invalidArgument('-ProxySource Pac needs -PacUrl.');
      const pac = await routeFromPac(request.pacUrl, options.target, ctx);
      return { routes: [toPlanned(pac.proxyUrl, 'Pac', [], pac.reason, request)], notes: [] };
    }
    case 'LocalService':
    case 'LocalSystem':
    case 'WinHttp': {
      const settings = loadSettings(requireSettings(request, source));
      return { routes: [fromChoice(await routeForAccount(settings, source, options.target, ctx), source, request)], notes: [] };
    }
    case 'Auto':
      if (options.proxy) {
        // Only worth saying when Auto was asked for: a bare --proxy-url means exactly that proxy.
        const notes = request.proxySource === 'Auto' ? ['Auto: the proxy given as a parameter is used, as the sensor uses its explicit configuration first.'] : [];
        return { routes: [parameter()], notes };
      }
      if (sensor?.proxy) return { routes: [configured(sensor.proxy)], notes: ['Auto: the proxy in the sensor configuration is used, as the sensor itself does.'] };
      {
        const fromFile = sensor ? ['Auto: the sensor configuration names no proxy, so the sensor follows its accounts\' proxy settings.'] : [];
        if (!hasSettingsInput(request)) {
          return {
            routes: [{ source: 'Direct', accounts: [], reason: 'no proxy given and no proxy settings to read: direct', proxy: null }],
            notes: [...fromFile, 'Auto: no proxy parameter and no registry settings (give -Path with a .reg export off Windows), so the test is direct.'],
          };
        }
        const plan = await serviceAccountRoutes(request, options, ctx);
        return { routes: plan.routes, notes: [...fromFile, ...plan.notes] };
      }
    default:
      // The module's ValidateSet normally stops this; a request built by hand may not.
      throw invalidArgument(`ProxySource '${String(source)}' is not one of Auto, Parameter, SensorConfiguration, LocalService, LocalSystem, WinHttp, Pac, Direct.`);
  }
}

async function serviceAccountRoutes(request: TestRequest, options: ProbeOptions, ctx: RouteContext): Promise<RoutePlan> {
  const settings = loadSettings(request);
  const service = await routeForAccount(settings, 'LocalService', options.target, ctx);
  const system = await routeForAccount(settings, 'LocalSystem', options.target, ctx);
  if (service.proxyUrl === system.proxyUrl) {
    const planned = toPlanned(service.proxyUrl, 'LocalService', ['LocalService', 'LocalSystem'], service.reason, request);
    return { routes: [planned], notes: [`Auto: LocalService (sensor) and LocalSystem (updater) take the same route: ${service.reason}`] };
  }
  return {
    routes: [fromChoice(service, 'LocalService', request), fromChoice(system, 'LocalSystem', request)],
    notes: [`Auto: LocalService (the sensor) and LocalSystem (the updater) take different routes, so both are tested: LocalService ${service.reason}; LocalSystem ${system.reason}. Copy one account's settings to the other (Copy-MDIProxySetting).`],
  };
}

function fromChoice(choice: RouteChoice, source: PlannedRoute['source'], request: TestRequest): PlannedRoute {
  return toPlanned(choice.proxyUrl, source, [choice.account], `${choice.account}: ${choice.reason}`, request);
}

function toPlanned(proxyUrl: string | null, source: PlannedRoute['source'], accounts: string[], reason: string, request: TestRequest): PlannedRoute {
  // Credentials given by the admin apply to whichever proxy the route leads to.
  const proxy = proxyUrl ? proxySpecFrom(proxyUrl, request.proxyUser, request.proxyPassword) : null;
  return { source, accounts, reason, proxy };
}

function requireSettings(request: TestRequest, source: string): TestRequest {
  if (!hasSettingsInput(request)) {
    throw invalidArgument(`-ProxySource ${source} needs proxy settings: the live registry (Windows) or -Path with a .reg export.`);
  }
  return request;
}
