import { SCHEMA_VERSION, type CheckResult, type Cloud, type RootCertificateReport, type TestRequest, type TestResponse } from '../contract/types.js';
import { mdiCatalog } from '../catalog/mdi-catalog.js';
import { cloudFrom } from '../catalog/names.js';
import { runCheck } from '../probe/check.js';
import { nowMs } from '../probe/clock.js';
import { Deadline } from '../probe/deadline.js';
import type { PhaseLog } from '../probe/phases.js';
import { round } from '../probe/phases.js';
import { catalogTarget, sensorApiTarget, type ProbeTarget } from '../probe/probe-target.js';
import { ProbeScheduler, maxConnectionsFrom } from '../probe/scheduler.js';
import { probeOptionsFrom } from '../request/probe-options.js';
import { planRoutes } from '../settings/route-plan.js';
import { loadSensorConfigRoute } from '../sensor-config/configured-proxy.js';
import { rootCertificateReport } from '../trust/root-report.js';
import { buildTrustStore } from '../trust/trust-store.js';
import { ENGINE_VERSION } from '../version.js';

/**
 * The sensor API check along every route the chosen proxy source leads to and, unless
 * only the sensor API was asked for, the certificate allowlist URLs along the same
 * routes and the machine's required roots. All probes run at once, bounded per proxy.
 */
export async function runTest(request: TestRequest, log: PhaseLog): Promise<TestResponse> {
  const started = nowMs();
  const sensor = request.sensorConfigurationPath || request.proxySource === 'SensorConfiguration' ? await loadSensorConfigRoute(request) : null;
  // -UseCurrentConfiguration: the endpoint the sensor itself calls, unless one was given explicitly.
  const fromFile = sensor?.file.sensorApiUrl && !request.sensorApiUrl && !request.workspace ? sensor.file.sensorApiUrl : null;
  const options = probeOptionsFrom(fromFile ? { ...request, sensorApiUrl: fromFile } : request);
  if (fromFile) options.endpointNote = `Sensor API URL from the workspace endpoint in ${sensor!.file.path}.`;
  const scheduler = new ProbeScheduler(maxConnectionsFrom(request.maxConnectionsPerProxy));
  const withAllowlist = request.allowlist !== false;
  const cloud = cloudOf(request, options.target);
  const plan = await planRoutes(request, options, { timeoutMs: options.timeoutMs, log, input: request, overrides: options.resolve }, sensor);
  plan.notes.forEach((note) => log(note));
  const trust = buildTrustStore(options.trustedRoots);
  const targets: ProbeTarget[] = [sensorApiTarget(options.target), ...(withAllowlist ? allowlistTargets(cloud, request.includeLegacy) : [])];
  const checks = await Promise.all(
    targets.flatMap((target) =>
      plan.routes.map((route) => {
        const proxyKey = route.proxy?.display ?? 'direct';
        return scheduler.run(proxyKey, `${target.url.href} ${proxyKey}`, () => {
          log(`checking ${target.url.href} ${route.proxy ? `through ${route.proxy.display}` : 'directly'} (${route.reason})`);
          // Each probe's budget starts when it leaves the queue: waiting for a free connection is not its fault.
          return runCheck(target, { resolve: options.resolve, deadline: new Deadline(options.timeoutMs) }, route, trust, log);
        }).result;
      }),
    ),
  );
  const rootCertificates: RootCertificateReport | null = withAllowlist ? rootCertificateReport(cloud, request) : null;
  if (rootCertificates) log(`root certificates: ${rootCertificates.detail}`);
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'test',
    engineVersion: ENGINE_VERSION,
    nodeVersion: process.version,
    endpointNote: options.endpointNote,
    passed: checks.every((check) => check.passed || !check.required) && (rootCertificates?.passed ?? true),
    checks: uniqueChecks(checks),
    rootCertificates,
    notes: plan.notes,
    totalMs: round(nowMs() - started),
  };
}

function allowlistTargets(cloud: Cloud, includeLegacy: boolean | undefined): ProbeTarget[] {
  return mdiCatalog({ cloud, includeLegacy })
    .filter((entry): entry is typeof entry & { testUrl: string } => entry.category !== 'SensorApi' && entry.testUrl !== null)
    .map(catalogTarget);
}

/** -Cloud when given; else the sensor host tells (a .us host is a US Government cloud). */
function cloudOf(request: TestRequest, target: URL): Cloud {
  return cloudFrom(request.cloud) ?? (target.hostname.endsWith('.us') ? 'GCCHigh' : 'Commercial');
}

/** Routes that lead to the same proxy share one probe; report it once. */
function uniqueChecks(checks: CheckResult[]): CheckResult[] {
  const seen = new Set<CheckResult>();
  return checks.filter((check) => !seen.has(check) && seen.add(check));
}
