// A V8 startup snapshot of the engine, for bench/cold.mjs to measure against the code cache (issue 13).
// Built with `node --snapshot-blob <blob> --build-snapshot <this, bundled as CommonJS>`: the engine is
// compiled as the entry compiles it (src/cli/engine-loader.ts) into the snapshot's heap, and started
// when the snapshot is deserialized. Not shipped: see docs/speed.md.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString, startupSnapshot } from 'node:v8';
import { ENGINE_FILE, V8_FLAGS, compileEngine } from '../src/cli/engine-loader.js';

declare const __ENGINE_DIR__: string;

V8_FLAGS.forEach((flag) => setFlagsFromString(flag));
const file = join(__ENGINE_DIR__, ENGINE_FILE);
const start = compileEngine(readFileSync(file, 'utf8'), file).runInThisContext() as (...args: unknown[]) => void;
startupSnapshot.setDeserializeMainFunction(() => {
  const module = { exports: {} };
  start.call(module.exports, module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href);
});
