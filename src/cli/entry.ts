// The file the module and the CLI start. It is bundled alone (the Node.js version check, --version and
// the engine loader, nothing else), because on an older Node the engine may not even load (a missing
// export is a link error with pages of minified source), and because --version should cost no more
// than starting Node. package.json's engines.node (">=22.15") is the one statement of what we need;
// the build puts it here.
import { writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { ENGINE_VERSION } from '../version.js';
import { V8_FLAGS, runEngine } from './engine-loader.js';

declare const __NODE_ENGINES__: string | undefined;

const TLS_FIRST = new Set(['test', 'mde-test', 'invoke']);

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
  // Runbooks ask for the version to pick a code path: answered before any of the engine loads,
  // and without process.stdout, whose first use loads Node's stream modules (~10 ms).
  writeSync(1, `${ENGINE_VERSION}\n`);
} else {
  // Loading node:tls starts Node parsing its root certificates on a thread of its own: for the commands
  // that open TLS connections (and the module's seam, which mostly asks for them), that then happens
  // while the engine loads instead of at the first handshake (~8 ms of every check).
  if (TLS_FIRST.has(process.argv[2] ?? '')) process.getBuiltinModule('node:tls');
  V8_FLAGS.forEach((flag) => setFlagsFromString(flag));
  runEngine(dirname(fileURLToPath(import.meta.url)));
}
