import { SCHEMA_VERSION, type TestRequest, type TestResponse } from '../contract/types.js';
import { runCheck } from '../probe/check.js';
import type { PhaseLog } from '../probe/phases.js';
import { probeOptionsFrom } from '../request/probe-options.js';
import { planRoutes } from '../settings/plan-routes.js';
import { buildTrustStore } from '../trust/trust-store.js';
import { ENGINE_VERSION } from '../version.js';

/** The sensor API check, along every route the chosen proxy source leads to. */
export async function runTest(request: TestRequest, log: PhaseLog): Promise<TestResponse> {
  // Loaded on demand, like the settings code: a plain check never reads a sensor configuration.
  const sensor = request.sensorConfigurationPath || request.proxySource === 'SensorConfiguration'
    ? await (await import('../sensor-config/sensor-route.js')).loadSensorConfigRoute(request)
    : null;
  // -UseCurrentConfiguration: the endpoint the sensor itself calls, unless one was given explicitly.
  const fromFile = sensor?.file.sensorApiUrl && !request.sensorApiUrl && !request.workspace ? sensor.file.sensorApiUrl : null;
  const options = probeOptionsFrom(fromFile ? { ...request, sensorApiUrl: fromFile } : request);
  if (fromFile) options.endpointNote = `Sensor API URL from the workspace endpoint in ${sensor!.file.path}.`;
  const plan = await planRoutes(request, options, { timeoutMs: options.timeoutMs, log, input: request, overrides: options.resolve }, sensor);
  plan.notes.forEach((note) => log(note));
  const trust = buildTrustStore(options.trustedRoots);
  // Routes are independent (different accounts, usually different proxies): probe them together.
  const checks = await Promise.all(
    plan.routes.map((route) => {
      log(`checking ${options.target.href} ${route.proxy ? `through ${route.proxy.display}` : 'directly'} (${route.reason})`);
      return runCheck(options, route, trust, log);
    }),
  );
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'test',
    engineVersion: ENGINE_VERSION,
    nodeVersion: process.version,
    endpointNote: options.endpointNote,
    passed: checks.every((check) => check.passed),
    checks,
    notes: plan.notes,
  };
}
