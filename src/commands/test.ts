import { SCHEMA_VERSION, type TestRequest, type TestResponse } from '../contract/types.js';
import { runCheck } from '../probe/check.js';
import type { PhaseLog } from '../probe/phases.js';
import { probeOptionsFrom } from '../request/probe-options.js';
import { buildTrustStore } from '../trust/trust-store.js';
import { ENGINE_VERSION } from '../version.js';

/** The sensor API check. Later issues add more targets; each becomes one more check here. */
export async function runTest(request: TestRequest, log: PhaseLog): Promise<TestResponse> {
  const options = probeOptionsFrom(request);
  const trust = buildTrustStore(options.trustedRoots);
  log(`checking ${options.target.href}${options.proxy ? ` through ${options.proxy.display}` : ' directly'}`);
  const checks = [await runCheck(options, trust, log)];
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'test',
    engineVersion: ENGINE_VERSION,
    nodeVersion: process.version,
    endpointNote: options.endpointNote,
    passed: checks.every((check) => check.passed),
    checks,
  };
}
