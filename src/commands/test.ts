import { SCHEMA_VERSION, type TestRequest, type TestResponse } from '../contract/types.js';
import { runCheck } from '../probe/check.js';
import type { PhaseLog } from '../probe/phases.js';
import { probeOptionsFrom } from '../request/probe-options.js';
import { planRoutes } from '../settings/plan-routes.js';
import { buildTrustStore } from '../trust/trust-store.js';
import { ENGINE_VERSION } from '../version.js';

/** The sensor API check, along every route the chosen proxy source leads to. */
export async function runTest(request: TestRequest, log: PhaseLog): Promise<TestResponse> {
  const options = probeOptionsFrom(request);
  const plan = await planRoutes(request, options, { timeoutMs: options.timeoutMs, log, input: request, overrides: options.resolve });
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
