// The bundle's entry: it runs alone first and imports nothing, because on an older Node the rest
// of the engine may not even load (a missing export is a link error with pages of minified source).
// package.json's engines.node (">=22.15") is the one statement of what we need; the build puts it here.
import { setFlagsFromString } from 'node:v8';
import { ENGINE_VERSION } from '../version.js';

declare const __NODE_ENGINES__: string | undefined;

const needed = /(\d+)\.(\d+)/.exec(typeof __NODE_ENGINES__ === 'string' ? __NODE_ENGINES__ : '') ?? ['', '22', '15'];
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const neededMajor = Number(needed[1]);
const neededMinor = Number(needed[2]);

if (major < neededMajor || (major === neededMajor && minor < neededMinor)) {
  process.stderr.write(
    `ERROR MDI_NODE_UNSUPPORTED: mdi-connectivity needs Node.js ${neededMajor}.${neededMinor} or later; this is Node.js ${process.versions.node} (${process.execPath}).\n`,
  );
  process.exitCode = 3;
} else if (process.argv[2] === '--version' && process.argv.length === 3) {
  // Runbooks ask for the version to pick a code path: answered before any of the engine loads.
  process.stdout.write(`${ENGINE_VERSION}\n`);
} else {
  // A run is short and its inputs are small: compile each regular expression once, plainly.
  // By default V8 interprets a new pattern, then compiles and optimizes it; for Node's own
  // IPv6 pattern, which tls.connect() runs on every SNI name, that is ~9 ms of the first
  // handshake (0.5 ms with these flags; bench/run.mjs prints the first probe's time).
  setFlagsFromString('--no-regexp-tier-up');
  setFlagsFromString('--no-regexp-optimization');
  await import('./main.js');
}
