// Starts the engine (engine.cjs, beside the entry) from V8's code cache when one ships with it.
//
// The engine is one CommonJS file of ~300 KB: compiling it costs ~11 ms of every run, ~2 ms from
// a code cache. The cache (engine.cjs.cache) is made at build time by the Node.js version the
// package ships (scripts/write-code-cache.mjs calls compileEngine below, so both compile the same
// text the same way) and is only ever read here: nothing is written at run time, not beside the
// engine and not in a temp folder. A cache V8 rejects (another Node.js, other V8 flags, an edited
// engine) costs one read; the engine then compiles as it would without one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

export const ENGINE_FILE = 'engine.cjs';
export const CODE_CACHE_FILE = 'engine.cjs.cache';
/**
 * A run is short and its inputs are small: each regular expression is compiled once, plainly.
 * By default V8 interprets a new pattern, then compiles and optimizes it; for Node's own IPv6
 * pattern, which tls.connect() runs on every SNI name, that is ~9 ms of the first handshake
 * (0.5 ms with these flags). They are part of what a code cache must match, hence here.
 */
export const V8_FLAGS = ['--no-regexp-tier-up', '--no-regexp-optimization'];

/** The engine's text wrapped as Node wraps a CommonJS module, plus the URL that stands for import.meta.url. */
export function compileEngine(source: string, file: string, cachedData?: Buffer): Script {
  return new Script(`(function (exports, require, module, __filename, __dirname, __mdiEngineUrl) {${source}\n})`, {
    filename: file,
    cachedData,
  });
}

/**
 * The engine's text. The build keeps it ASCII (esbuild escapes everything else), so it is read as
 * latin1: the same characters, without a UTF-8 decode, into the compact strings V8 prefers.
 */
export function readEngineSource(file: string): string {
  return readFileSync(file, 'latin1');
}

export function runEngine(folder: string): void {
  const file = join(folder, ENGINE_FILE);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(join(folder, CODE_CACHE_FILE));
  } catch {
    cachedData = undefined;
  }
  const start = compileEngine(readEngineSource(file), file, cachedData).runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  start.call(module.exports, module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href);
}
