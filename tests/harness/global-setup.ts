// vitest globalSetup: start the real-peer harness ONCE for the whole run (in
// vitest's main process) and hand its serializable state to every test file:
//   import { inject } from 'vitest';  const h = inject('harness');
import type { TestProject } from 'vitest/node';
import { startHarness, stopHarness, type HarnessState } from './index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    harness: HarnessState;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const h = await startHarness();
  if (process.env.MDI_HARNESS_VERBOSE === '1') {
    console.log(`[harness] up in ${Date.now() - started} ms, state: ${h.state.stateFile}`);
  }
  project.provide('harness', h.state);
  return async () => {
    const t = Date.now();
    await stopHarness(h);
    if (process.env.MDI_HARNESS_VERBOSE === '1') console.log(`[harness] stopped in ${Date.now() - t} ms`);
  };
}
