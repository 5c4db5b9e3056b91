// What bench/concurrency.mjs needs from the engine, bundled once for plain Node.
export { runTest } from '../src/commands/connectivity-check.js';
export { runMdeTest } from '../src/commands/mde-test.js';
export { runCheck } from '../src/probe/check.js';
export { Deadline } from '../src/probe/deadline.js';
export { catalogTarget, sensorApiTarget } from '../src/probe/probe-target.js';
export { proxySpecFrom } from '../src/request/probe-options.js';
export { buildTrustStore } from '../src/trust/trust-store.js';
export { mdeCatalog } from '../src/catalog/mde-catalog.js';
export { mdiCatalog } from '../src/catalog/mdi-catalog.js';
export { regExportBase64 } from '../tests/support/reg-fixtures.js';
