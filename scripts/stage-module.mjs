// Stages the module exactly as a user installs it: <dest>/MDIConnectivity/<version>/ with the manifest at
// its root (paths relative to it, a FileList of what is there), the loader, Public/Private, format and type
// files, the engine (entry, engine.cjs and its code cache, vendor/), the JSON Schemas, the about topic,
// LICENSE and one Node.js runtime per platform under runtime/<os>-<arch>/. Nothing else. Needs `npm run build` first (npm run stage does not
// rebuild, so tests can stage while others read module/engine).
//   node scripts/stage-module.mjs --runtime win-x64 [--runtime linux-x64] --dest out/win-x64
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { MODULE_NAME, checkStagedModule, listFiles } from './stage-check.mjs';
import { StageError, nodeLicense, obtainRuntime, repoRoot } from './stage-runtime.mjs';

const FILE_LIST_ANCHOR = /^[ \t]*# FileList: written by scripts\/stage-module\.mjs.*$/m;
const PLATFORM_TAGS = "'Windows', 'Linux'";
const GALLERY_PLATFORM = { win: 'Windows', linux: 'Linux' };

/** The root manifest rewritten for the staged folder: relative paths, the FileList, and the platforms it runs on. */
export function stagedManifest(rootManifest, files, platforms) {
  if (!FILE_LIST_ANCHOR.test(rootManifest)) throw new StageError(`${MODULE_NAME}.psd1 lost its "# FileList: written by scripts/stage-module.mjs" line.`);
  if (!rootManifest.includes(PLATFORM_TAGS)) throw new StageError(`${MODULE_NAME}.psd1 lost the ${PLATFORM_TAGS} tags the stage narrows to the packaged platforms.`);
  const relative = rootManifest.replace(/'module\//g, "'");
  const list = files.map((f) => `'${f}'`).join(',\n        ');
  // The gallery filters by these tags: a package says only the platforms whose runtime it carries.
  const tags = [...new Set(platforms.map((p) => GALLERY_PLATFORM[p.split('-')[0]]))].map((t) => `'${t}'`).join(', ');
  return relative.replace(FILE_LIST_ANCHOR, `    FileList             = @(\n        ${list}\n    )`).replace(PLATFORM_TAGS, tags);
}

const moduleVersion = (manifest) => /^\s*ModuleVersion\s*=\s*'([^']+)'/m.exec(manifest)?.[1];

/** Stages the module for the given platforms and returns the version folder. */
export async function stageModule({ platforms, dest, moduleDir = join(repoRoot, 'module'), cacheDir = join(repoRoot, '.cache', 'runtimes') }) {
  if (platforms.length === 0) throw new StageError('Name at least one runtime platform (--runtime win-x64 and/or --runtime linux-x64).');
  const rootManifest = readFileSync(join(repoRoot, `${MODULE_NAME}.psd1`), 'utf8');
  const version = moduleVersion(rootManifest);
  const pkgVersion = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
  if (version !== pkgVersion) throw new StageError(`${MODULE_NAME}.psd1 says ModuleVersion ${version} but package.json says ${pkgVersion}: make them equal.`);
  const engine = join(moduleDir, 'engine', 'mdi-connectivity.mjs');
  if (!existsSync(engine)) throw new StageError(`The engine bundle ${engine} is missing: run npm run build (./build.ps1 does) before staging.`);

  const target = join(resolve(dest), MODULE_NAME, version);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const file of [`${MODULE_NAME}.psm1`, `${MODULE_NAME}.Format.ps1xml`, `${MODULE_NAME}.Types.ps1xml`]) {
    copyFileSync(join(moduleDir, file), join(target, file));
  }
  for (const folder of ['Public', 'Private', 'engine', 'schema', 'en-US']) {
    if (!existsSync(join(moduleDir, folder))) throw new StageError(`${join(moduleDir, folder)} is missing.`);
    cpSync(join(moduleDir, folder), join(target, folder), { recursive: true });
  }
  copyFileSync(join(repoRoot, 'LICENSE'), join(target, 'LICENSE'));

  for (const platform of platforms) {
    const runtime = await obtainRuntime(platform, cacheDir);
    const folder = join(target, 'runtime', platform);
    mkdirSync(folder, { recursive: true });
    copyFileSync(runtime.binaryPath, join(folder, runtime.fileName));
    if (!platform.startsWith('win-')) chmodSync(join(folder, runtime.fileName), 0o755);
    // Node.js is redistributed under its own license, which must travel with the binary.
    copyFileSync(runtime.licensePath ?? (await nodeLicense(cacheDir)), join(folder, 'LICENSE'));
    console.error(`runtime ${platform}: ${runtime.packageName}@${runtime.version} from ${runtime.origin}`);
  }

  const files = [...listFiles(target), `${MODULE_NAME}.psd1`].sort();
  writeFileSync(join(target, `${MODULE_NAME}.psd1`), stagedManifest(rootManifest, files, platforms));
  const problems = checkStagedModule(target, platforms);
  if (problems.length > 0) throw new StageError(`Staging produced an incomplete module in ${target}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { runtime: { type: 'string', multiple: true }, dest: { type: 'string' }, 'module-dir': { type: 'string' }, 'cache-dir': { type: 'string' } },
  });
  try {
    const target = await stageModule({
      platforms: values.runtime ?? [],
      dest: values.dest ?? join(repoRoot, 'out', (values.runtime ?? []).join('+')),
      ...(values['module-dir'] ? { moduleDir: resolve(values['module-dir']) } : {}),
      ...(values['cache-dir'] ? { cacheDir: resolve(values['cache-dir']) } : {}),
    });
    // The one line on stdout: build.ps1 reads it.
    console.log(target);
  } catch (error) {
    if (!(error instanceof StageError)) throw error;
    console.error(`stage failed: ${error.message}`);
    process.exit(1);
  }
}
