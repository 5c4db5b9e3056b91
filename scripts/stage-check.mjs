// Checks a staged module folder before it is packaged, so a package that would break on the DC is never
// built: the engine, the schemas, the help topic, the license and each platform's runtime must be there,
// the runtime must be an x64 executable of the right format, and the manifest's FileList must name exactly
// the files present.
//   node scripts/stage-check.mjs <staged version folder> --runtime win-x64 [--runtime linux-x64]
import { existsSync, openSync, readSync, closeSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { RUNTIME_PACKAGES } from './stage-runtime.mjs';

export const MODULE_NAME = 'MDIConnectivity';

/** Files every staged module has, whatever its platforms. */
export const REQUIRED_FILES = [
  `${MODULE_NAME}.psd1`,
  `${MODULE_NAME}.psm1`,
  `${MODULE_NAME}.Format.ps1xml`,
  `${MODULE_NAME}.Types.ps1xml`,
  'engine/mdi-connectivity.mjs',
  'engine/engine.cjs',
  'engine/quickjs.wasm',
  'schema/engine-request.schema.json',
  'schema/engine-response.schema.json',
  `en-US/about_${MODULE_NAME}.help.txt`,
  'LICENSE',
];

/** Every file under dir, relative, with forward slashes, sorted. */
export function listFiles(dir) {
  const out = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The FileList entries of a generated manifest (one quoted path per entry). */
export function manifestFileList(manifestText) {
  const block = /FileList\s*=\s*@\(([\s\S]*?)\)/.exec(manifestText)?.[1];
  if (block === undefined) return undefined;
  return [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
}

function head(file, length) {
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** 'x64' when the file is a PE image for AMD64 (machine 0x8664), else a reason. */
export function peMachine(file) {
  const bytes = head(file, 4096);
  if (bytes.length < 64 || bytes.toString('latin1', 0, 2) !== 'MZ') return 'not a PE image (no MZ header)';
  const pe = bytes.readUInt32LE(0x3c);
  if (pe + 6 > bytes.length || bytes.toString('latin1', pe, pe + 4) !== 'PE\0\0') return 'not a PE image (no PE signature)';
  const machine = bytes.readUInt16LE(pe + 4);
  return machine === 0x8664 ? 'x64' : `PE machine 0x${machine.toString(16)}, not x64 (0x8664)`;
}

/** 'x64' when the file is a 64-bit ELF executable for x86-64, else a reason. */
export function elfMachine(file) {
  const bytes = head(file, 64);
  if (bytes.length < 20 || bytes.toString('latin1', 0, 4) !== '\x7fELF') return 'not an ELF executable';
  const machine = bytes.readUInt16LE(18);
  return bytes[4] === 2 && machine === 0x3e ? 'x64' : `ELF class ${bytes[4]} machine 0x${machine.toString(16)}, not x86-64`;
}

/** Problems with a staged module folder, one sentence each; empty when it may be packaged. */
export function checkStagedModule(dir, platforms) {
  if (!existsSync(dir)) return [`${dir} does not exist: stage the module first (npm run stage).`];
  if (platforms.length === 0) return ['No runtime platform was named: a package without a Node.js runtime does not run on a DC.'];
  const problems = [];
  const files = listFiles(dir);
  for (const required of REQUIRED_FILES) {
    if (!files.includes(required)) {
      const hint = required.startsWith('engine/') || required.startsWith('schema/') ? ' (run npm run build before staging)' : '';
      problems.push(`${required} is missing${hint}.`);
    }
  }
  for (const platform of platforms) {
    const spec = RUNTIME_PACKAGES[platform];
    if (!spec) {
      problems.push(`Unknown runtime platform '${platform}'.`);
      continue;
    }
    const runtime = `runtime/${platform}/${spec.fileName}`;
    if (!files.includes(runtime) || statSync(join(dir, runtime)).size === 0) {
      problems.push(`The Node.js runtime ${runtime} is missing: the module could not run on ${platform}.`);
      continue;
    }
    const machine = platform.startsWith('win-') ? peMachine(join(dir, runtime)) : elfMachine(join(dir, runtime));
    if (machine !== 'x64') problems.push(`${runtime} is ${machine}.`);
  }
  const shipped = files.filter((f) => f.startsWith('runtime/')).map((f) => f.split('/')[1]);
  for (const extra of new Set(shipped)) {
    if (!platforms.includes(extra)) problems.push(`runtime/${extra} is staged but ${extra} was not asked for.`);
  }
  if (files.includes(`${MODULE_NAME}.psd1`)) {
    const listed = manifestFileList(readFileSync(join(dir, `${MODULE_NAME}.psd1`), 'utf8'));
    if (!listed) problems.push(`${MODULE_NAME}.psd1 has no FileList.`);
    else {
      for (const f of files.filter((f) => !listed.includes(f))) problems.push(`${f} is in the folder but not in the manifest's FileList.`);
      for (const f of listed.filter((f) => !files.includes(f))) problems.push(`${f} is in the manifest's FileList but not in the folder.`);
    }
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { runtime: { type: 'string', multiple: true } } });
  const dir = positionals[0];
  if (!dir) {
    console.error('usage: node scripts/stage-check.mjs <staged version folder> --runtime <platform> [--runtime ...]');
    process.exit(2);
  }
  const problems = checkStagedModule(dir, values.runtime ?? []);
  if (problems.length > 0) {
    console.error(`The staged module ${dir} must not be packaged:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.error(`checked ${dir}: complete for ${(values.runtime ?? []).join(', ')}`);
}
