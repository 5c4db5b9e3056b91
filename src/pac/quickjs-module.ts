// Finds and compiles QuickJS's WebAssembly file once per process.
//
// quickjs-wasi ships its engine as a separate 1.5 MB `quickjs.wasm` and, left
// alone, reads it from `../quickjs.wasm` relative to its own module URL — which
// after esbuild bundling points next to nothing useful. So we always hand it a
// compiled module ourselves, looked for in this order:
//   1. $MDI_QUICKJS_WASM (an explicit override for odd installs);
//   2. `quickjs.wasm` next to the running file (the bundle: module/engine/quickjs.wasm);
//   3. the quickjs-wasi package as Node resolves it (development, tests).
// Compiling takes tens of milliseconds; instantiating the compiled module per
// evaluation is cheap, so each PAC still gets a fresh, isolated VM.
//
// The JavaScript side (quickjs-wasi, pac-resolver's PAC helpers, esprima) is
// imported on first use too: a CLI run that never meets a PAC should not pay
// for initialising it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode } from '../errors.js';
import type { sandbox as stockHelpers } from 'pac-resolver';
import type { JSException, QuickJS } from 'quickjs-wasi';
import { PacError } from './pac-error.js';

export interface PacEngine {
  QuickJS: typeof QuickJS;
  JSException: typeof JSException;
  /** pac-resolver's PAC helpers (shExpMatch, dateRange...); the networked ones are replaced in pac-sandbox.ts. */
  stockHelpers: typeof stockHelpers;
  /** esprima's parser: the syntax gate (ES2017 at most, as the PAC engines Windows uses). */
  parseScript: (code: string) => unknown;
  wasm: WebAssembly.Module;
}

export const QUICKJS_WASM_FILE = 'quickjs.wasm';

let loaded: Promise<PacEngine> | undefined;

export function quickJsWasmCandidates(): string[] {
  const candidates: string[] = [];
  const fromEnv = process.env.MDI_QUICKJS_WASM;
  if (fromEnv) candidates.push(fromEnv);
  // Beside the engine bundle: this code may sit in the entry file or in one of its chunks/.
  candidates.push(fileURLToPath(new URL(`./${QUICKJS_WASM_FILE}`, import.meta.url)));
  candidates.push(fileURLToPath(new URL(`../${QUICKJS_WASM_FILE}`, import.meta.url)));
  try {
    const pkg = createRequire(import.meta.url).resolve('quickjs-wasi/package.json');
    candidates.push(join(dirname(pkg), QUICKJS_WASM_FILE));
  } catch {
    // Not resolvable (a shipped bundle without node_modules): the other candidates must do.
  }
  return candidates;
}

async function compile(): Promise<WebAssembly.Module> {
  const candidates = quickJsWasmCandidates();
  for (const file of candidates) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue;
    }
    // Copied into a plain ArrayBuffer-backed view, which is what the WebAssembly typings accept.
    return WebAssembly.compile(new Uint8Array(bytes));
  }
  throw new PacError(
    ErrorCode.Internal,
    `The PAC engine file ${QUICKJS_WASM_FILE} was not found; looked in: ${candidates.join(', ')}`,
  );
}

async function load(): Promise<PacEngine> {
  const [quickjs, pacResolverModule, esprimaModule, wasm] = await Promise.all([import('quickjs-wasi'), import('pac-resolver'), import('esprima'), compile()]);
  // Loaded from their own files (module/engine/vendor/): a CommonJS one (esprima) comes only as the default export.
  const pacResolver = (pacResolverModule as typeof pacResolverModule & { default?: typeof pacResolverModule }).default ?? pacResolverModule;
  const esprima = ((esprimaModule as { default?: unknown }).default ?? esprimaModule) as { parseScript(code: string): unknown };
  return { QuickJS: quickjs.QuickJS, JSException: quickjs.JSException, stockHelpers: pacResolver.sandbox, parseScript: esprima.parseScript, wasm };
}

/** The engine, loaded and compiled on first use and shared afterwards. */
export function loadPacEngine(): Promise<PacEngine> {
  if (!loaded) {
    loaded = load();
    // A failed load must not be cached: the file may be put in place and retried.
    loaded.catch(() => {
      loaded = undefined;
    });
  }
  return loaded;
}
