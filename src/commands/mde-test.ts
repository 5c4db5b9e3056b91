import { SCHEMA_VERSION, type CheckResult, type MdeRouteResult, type MdeTestRequest, type MdeTestResponse, type MdeUrlResult } from '../contract/types.js';
import { mdeCatalog } from '../catalog/mde-catalog.js';
import { regionFrom } from '../catalog/names.js';
import { CATALOG_VERSION } from '../catalog/sources.js';
import { invalidArgument } from '../errors.js';
import { analyzerCode, analyzerText } from '../mde/analyzer-text.js';
import { planMdeRoutes, type MdeRoutePlan } from '../mde/analyzer-routes.js';
import { runCheck } from '../probe/check.js';
import { nowMs } from '../probe/clock.js';
import { Deadline } from '../probe/deadline.js';
import type { PhaseLog } from '../probe/phases.js';
import { round } from '../probe/phases.js';
import { catalogTarget, type ProbeTarget } from '../probe/probe-target.js';
import { ProbeScheduler, maxConnectionsFrom } from '../probe/scheduler.js';
import { commonProbeOptions } from '../request/probe-options.js';
import { buildTrustStore } from '../trust/trust-store.js';
import { ENGINE_VERSION } from '../version.js';

const ANONYMOUS = 'The Defender for Endpoint sensor connects as SYSTEM without credentials: the proxy must allow anonymous access to this URL.';

/**
 * Every URL of one data location through the Client Analyzer's five routes, all at
 * once (bounded per proxy; identical probes shared), with what the analyzer cannot
 * see: TLS inspection, and proxies that demand authentication.
 */
export async function runMdeTest(request: MdeTestRequest, log: PhaseLog): Promise<MdeTestResponse> {
  const started = nowMs();
  const region = regionFrom(request.region);
  if (!region) throw invalidArgument('Give the Defender for Endpoint data location (region).');
  // Validated up front, like the MDI test: timeout, --resolve, trusted roots.
  const options = commonProbeOptions(request);
  const scheduler = new ProbeScheduler(maxConnectionsFrom(request.maxConnectionsPerProxy));
  const ctx = { timeoutMs: options.timeoutMs, log, input: request, overrides: options.resolve };
  const trust = buildTrustStore(options.trustedRoots);
  const entries = mdeCatalog({ region, streamlined: request.streamlined });
  const probed = entries.filter((entry): entry is typeof entry & { testUrl: string } => entry.testUrl !== null);
  const optional = new Set(probed.filter((entry) => !entry.required).map((entry) => entry.id));
  const notes = probed.length < entries.length ? [`${entries.length - probed.length} wildcard allowlist lines name no single host and are listed, not tested (see the catalog command).`] : [];
  const plans = await planMdeRoutes(request, ctx);
  plans.forEach((plan) => log(`route ${plan.route.number} (${plan.route.label}): ${plan.route.reason}`));

  const probe = (target: ProbeTarget, plan: MdeRoutePlan): Promise<MdeRouteResult> =>
    routeResult(target, plan, scheduler, (proxy) => {
      const route = { source: 'Parameter' as const, accounts: [], reason: plan.route.reason, proxy };
      return runCheck(target, { resolve: options.resolve, deadline: new Deadline(options.timeoutMs) }, route, trust, log);
    });
  const urls: MdeUrlResult[] = await Promise.all(
    probed.map(async (entry) => {
      const target = catalogTarget(entry);
      const results = await Promise.all(plans.map((plan) => probe(target, plan)));
      return {
        url: entry.testUrl,
        entryId: entry.id,
        category: entry.category,
        reachable: entry.reachable,
        passed: results.some((result) => result.outcome === 'Succeeded'),
        results,
      };
    }),
  ).finally(() => plans.forEach((plan) => plan.close?.()));
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'mde-test',
    engineVersion: ENGINE_VERSION,
    catalogVersion: CATALOG_VERSION,
    region,
    streamlined: request.streamlined === true,
    routes: plans.map((plan) => plan.route),
    urls,
    passed: urls.every((url) => url.passed || optional.has(url.entryId)),
    analyzerText: analyzerText(urls),
    notes,
    totalMs: round(nowMs() - started),
  };
}

async function routeResult(
  target: ProbeTarget,
  plan: MdeRoutePlan,
  scheduler: ProbeScheduler,
  check: (proxy: Parameters<typeof runCheck>[2]['proxy']) => Promise<CheckResult>,
): Promise<MdeRouteResult> {
  const base = { route: plan.route.number, kind: plan.route.kind };
  const way = await plan.forUrl(target.url);
  if (way.kind === 'absent') return { ...base, outcome: 'DoesNotExist', httpStatus: null, verdict: null, detail: way.reason, proxy: null, analyzerCode: null, shared: false, totalMs: 0 };
  if (way.kind === 'failed') return { ...base, outcome: 'Failed', httpStatus: null, verdict: null, detail: way.reason, proxy: null, analyzerCode: way.analyzerCode, shared: false, totalMs: 0 };
  const proxy = way.kind === 'proxy' ? way.proxy : null;
  const proxyKey = proxy?.display ?? 'direct';
  const { result, shared } = scheduler.run(proxyKey, `${target.url.href} ${proxyKey}`, () => check(proxy));
  const done = await result;
  const detail = done.verdict === 'ProxyAuthRequired' ? `${done.detail} ${ANONYMOUS}` : done.detail;
  return {
    ...base,
    outcome: done.passed ? 'Succeeded' : 'Failed',
    httpStatus: done.httpStatus,
    verdict: done.verdict,
    detail,
    proxy: done.proxy,
    analyzerCode: analyzerCode(done),
    shared,
    totalMs: done.totalMs,
  };
}
