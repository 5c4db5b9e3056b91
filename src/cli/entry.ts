// The bundle's entry: it runs alone first and imports nothing, because on an older Node the rest
// of the engine may not even load (a missing export is a link error with pages of minified source).
// package.json's engines.node (">=22.15") is the one statement of what we need; the build puts it here.
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
} else {
  await import('./main.js');
}
