// Writes module/engine/engine.cjs.cache: V8's code cache for the engine, compiled exactly as the
// entry compiles it at run time (src/cli/engine-loader.ts: same wrapper, same V8 flags). Run by
// scripts/build.mjs with the Node.js the package ships; a cache only helps that version.
//   node scripts/write-code-cache.mjs <engine folder>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { importTs } from './bundle-ts.mjs';

const folder = process.argv[2];
if (!folder) throw new Error('usage: node scripts/write-code-cache.mjs <engine folder>');
const { CODE_CACHE_FILE, ENGINE_FILE, V8_FLAGS, compileEngine, readEngineSource } = await importTs('src/cli/engine-loader.ts');
V8_FLAGS.forEach((flag) => setFlagsFromString(flag));
const file = join(folder, ENGINE_FILE);
// The loader reads the engine as latin1, which is only its text when every byte is ASCII.
if (readFileSync(file).some((byte) => byte > 0x7f)) throw new Error(`${file} is not ASCII: keep esbuild's charset at its default (ascii)`);
const script = compileEngine(readEngineSource(file), file);
writeFileSync(join(folder, CODE_CACHE_FILE), script.createCachedData());
