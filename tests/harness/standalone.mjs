// Run the real-peer harness outside vitest (bench, manual poking with curl).
//
// The harness sources use the project's '.js' import specifiers (tsconfig has
// no allowImportingTsExtensions), which vitest maps to .ts but plain Node does
// not, so this bundles tests/harness/index.ts with esbuild first (~50 ms).
//
// Programmatic:  const { startHarness, stopHarness } = await loadHarnessModule();
// CLI:           node tests/harness/standalone.mjs [--max-seconds N] [--endpoint-delays MODULE]
//                prints the harness.json path, then runs until SIGINT/SIGTERM
//                or N seconds (default 3600), and stops everything. MODULE's
//                `latencyFor(host)` delays the catalog stand-ins' answers (the bench's WAN).
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

/** @returns {Promise<typeof import('./index.ts')>} */
export async function loadHarnessModule() {
  // Inside node_modules so bare imports (@peculiar/x509) resolve from the project.
  const outDir = path.join(root, 'node_modules', '.cache', 'mdi-harness');
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: {
      [`harness-${process.pid}`]: path.join(here, 'index.ts'),
      [`reflect-shim-${process.pid}`]: path.join(here, 'reflect-shim.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  });
  // In a bundle, the external '@peculiar/x509' import is hoisted above the inlined shim,
  // so the shim is loaded as its own module first (see reflect-shim.ts).
  const shim = path.join(outDir, `reflect-shim-${process.pid}.mjs`);
  const harness = path.join(outDir, `harness-${process.pid}.mjs`);
  try {
    await import(pathToFileURL(shim).href);
    return await import(pathToFileURL(harness).href);
  } finally {
    // Loaded modules stay in memory; the per-process files are not needed any more.
    await Promise.all([rm(shim, { force: true }), rm(harness, { force: true })]);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const option = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const maxSeconds = Number(option('--max-seconds') ?? 3600);
  const delays = option('--endpoint-delays');
  const endpointDelayMs = delays ? (await import(pathToFileURL(path.resolve(delays)).href)).latencyFor : undefined;
  const { startHarness, stopHarness } = await loadHarnessModule();
  const h = await startHarness({ endpointDelayMs });
  console.log(h.state.stateFile);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopHarness(h);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setTimeout(stop, maxSeconds * 1000);
}
