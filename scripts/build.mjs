// Builds the module folder's generated parts: the contract's JSON Schema, the request validators
// compiled from it, and the engine bundle.
// Run by `npm run build`, `npm test`, `npm run bench` and ./build.ps1.
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { writeRequestValidators } from './request-validators.mjs';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const engineFile = new URL('module/engine/mdi-connectivity.mjs', root);
const schemaDir = new URL('module/schema/', root);

await mkdir(schemaDir, { recursive: true });
const generator = createGenerator({
  path: new URL('src/contract/types.ts', root).pathname,
  tsconfig: new URL('tsconfig.json', root).pathname,
  skipTypeCheck: true,
  additionalProperties: false,
});
for (const [type, file] of [
  ['EngineRequest', 'engine-request.schema.json'],
  ['EngineResponse', 'engine-response.schema.json'],
]) {
  const schema = generator.createSchema(type);
  schema.$id = `https://mdiconnectivity.invalid/schema/v${pkg.version.split('.')[0]}/${file}`;
  await writeFile(new URL(file, schemaDir), `${JSON.stringify(schema, null, 2)}\n`);
  // The engine validates every request with code compiled from this same schema (bundled below).
  if (type === 'EngineRequest') await writeRequestValidators(schema, new URL('src/request/generated/request-validators.js', root));
}
// Export-MDIConnectivityReport's JSON (src/contract/report-types.ts): same generator, its own file.
const reportSchema = createGenerator({ path: new URL('src/contract/report-types.ts', root).pathname, tsconfig: new URL('tsconfig.json', root).pathname, skipTypeCheck: true, additionalProperties: false })
  .createSchema('ConnectivityReport');
reportSchema.$id = `https://mdiconnectivity.invalid/schema/v${pkg.version.split('.')[0]}/connectivity-report.schema.json`;
await writeFile(new URL('connectivity-report.schema.json', schemaDir), `${JSON.stringify(reportSchema, null, 2)}\n`);
// Node built-ins load when the engine first touches them, not when a file is evaluated: an ESM
// import of a built-in builds its ESM facade, which reads every export and so loads what the
// built-in keeps lazy (node:crypto's webcrypto, node:http's undici: ~10 ms), and an engine that
// holds every command would otherwise load every built-in any command uses (node:fs/promises alone
// is ~2 ms). Each built-in becomes an object of getters over require(), one getter per name our
// sources import from it (all of its names where a file takes the whole module).
const builtinsOnFirstUse = {
  name: 'builtins-on-first-use',
  setup(plugin) {
    const names = importedBuiltinNames(new URL('src/', root).pathname);
    const nodeRequire = createRequire(import.meta.url);
    plugin.onResolve({ filter: /^node:/ }, ({ path, kind }) => (kind === 'import-statement' ? { path, namespace: 'node-builtin' } : undefined));
    plugin.onLoad({ filter: /.*/, namespace: 'node-builtin' }, ({ path }) => {
      const wanted = names.get(path) ?? new Set(['*']);
      const all = wanted.has('*') ? Object.getOwnPropertyNames(nodeRequire(path)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default') : [...wanted];
      const getters = all.map((name) => `${name}:{get:()=>load().${name},enumerable:true}`).join(',');
      return { contents: `let m;const load=()=>(m??=require(${JSON.stringify(path)}));module.exports=Object.defineProperties({},{${getters}});`, loader: 'js' };
    });
  },
};

/** Built-in → the names imported from it anywhere under `folder` ('*': the whole module). */
function importedBuiltinNames(folder) {
  const names = new Map();
  const add = (path, name) => (names.get(path) ?? names.set(path, new Set()).get(path)).add(name);
  for (const file of readdirSync(folder, { recursive: true }).filter((name) => name.endsWith('.ts'))) {
    const text = readFileSync(join(folder, file), 'utf8');
    for (const [, clause, path] of text.matchAll(/^import\s+(?!type\s)([^;]*?)\s+from\s+'(node:[^']+)'/gm)) {
      const braces = /^\{([^}]*)\}$/.exec(clause.trim());
      if (!braces) add(path, '*');
      else for (const part of braces[1].split(',').map((item) => item.trim()).filter((item) => item && !item.startsWith('type '))) add(path, part.split(/\s+as\s+/)[0]);
    }
  }
  return names;
}
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  define: { __ENGINE_VERSION__: JSON.stringify(pkg.version), __NODE_ENGINES__: JSON.stringify(pkg.engines.node) },
  logLevel: 'warning',
};
const engineDir = new URL('module/engine/', root).pathname;
await rm(engineDir, { recursive: true, force: true });
// Third-party code that only some runs need stays out of engine.cjs, in vendor/, one CommonJS file
// each, required on first use: the PAC engine (QuickJS, pac-resolver, esprima), undici (PAC downloads)
// and node-forge (a sensor configuration's PFX). CommonJS, so the engine loads them with require and
// never needs an import() inside the code it compiles itself (src/cli/engine-loader.ts).
const vendor = ['quickjs-wasi', 'pac-resolver', 'esprima', 'undici', 'node-forge'];
const vendorApart = {
  name: 'vendor-apart',
  setup: (plugin) => plugin.onResolve({ filter: new RegExp(`^(${vendor.join('|')})$`) }, ({ path }) => ({ path: `./vendor/${path}.cjs`, external: true })),
};
// The engine: one CommonJS file that src/cli/engine-loader.ts compiles (from a code cache when
// there is one) and starts with a require, its own file name and its URL for import.meta.url.
await build({
  ...common,
  entryPoints: [new URL('src/cli/main.ts', root).pathname],
  outfile: join(engineDir, 'engine.cjs'),
  format: 'cjs',
  // Every run reads and compiles this file: local names shortened too (nothing reads a function's name).
  minifyIdentifiers: true,
  define: { ...common.define, 'import.meta.url': '__mdiEngineUrl' },
  // import() of a vendor file becomes a require: code compiled by vm.Script has no module loader of its own.
  supported: { 'dynamic-import': false },
  plugins: [builtinsOnFirstUse, vendorApart],
});
for (const name of vendor) {
  await build({
    ...common,
    // Local names shortened too; function and class names kept, as libraries read them.
    minifyIdentifiers: true,
    keepNames: true,
    entryPoints: [name],
    outfile: join(engineDir, 'vendor', `${name}.cjs`),
    format: 'cjs',
    // quickjs-wasi is an ES module that finds its own files from import.meta.url (we hand it the wasm).
    banner: { js: "var __mdiVendorUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { ...common.define, 'import.meta.url': '__mdiVendorUrl' },
  });
}
// The file the module and the CLI start: alone, so the Node version check and --version load
// nothing else (see src/cli/entry.ts).
await build({
  ...common,
  entryPoints: [new URL('src/cli/entry.ts', root).pathname],
  outfile: engineFile.pathname,
  format: 'esm',
  // Its built-in shims (above) call require.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __mdiCreateRequire } from 'node:module';const require = __mdiCreateRequire(import.meta.url);" },
  plugins: [builtinsOnFirstUse],
});
// V8's code cache for engine.cjs, made by this Node.js (the version the package ships: package.json's
// "node"), read-only at run time (src/cli/engine-loader.ts).
const cache = spawnSync(process.execPath, [new URL('scripts/write-code-cache.mjs', root).pathname, engineDir], { encoding: 'utf8' });
if (cache.status !== 0) throw new Error(`writing the code cache failed: ${cache.stderr}`);
await chmod(engineFile, 0o755);
// The PAC sandbox's QuickJS engine is WebAssembly that esbuild cannot inline: it ships beside the bundle.
await copyFile(new URL('node_modules/quickjs-wasi/quickjs.wasm', root), new URL('module/engine/quickjs.wasm', root));

console.error(`built ${engineFile.pathname} and ${schemaDir.pathname}`);
