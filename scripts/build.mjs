// Builds the module folder's generated parts: the contract's JSON Schema, the request validators
// compiled from it, and the engine bundle.
// Run by `npm run build`, `npm test`, `npm run bench` and ./build.ps1.
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
// Node built-ins load when the engine first touches them, not when a chunk is evaluated:
// an ESM import of a built-in builds its ESM facade, which reads every export and so loads what
// the built-in keeps lazy (node:crypto's webcrypto, node:http's undici: ~10 ms), and a bundle
// that holds every command would otherwise load every built-in any command uses (node:fs/promises
// alone is ~2 ms). Each import becomes an object of getters over require(); the export names are
// read here, from the same Node version the package ships (package.json's devDependency "node").
const builtinsOnFirstUse = {
  name: 'builtins-on-first-use',
  setup(plugin) {
    const nodeRequire = createRequire(import.meta.url);
    plugin.onResolve({ filter: /^node:/ }, ({ path, kind }) => (kind === 'import-statement' ? { path, namespace: 'node-builtin' } : undefined));
    plugin.onLoad({ filter: /.*/, namespace: 'node-builtin' }, ({ path }) => {
      const names = Object.getOwnPropertyNames(nodeRequire(path)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
      const getters = names.map((name) => `${name}:{get:()=>load().${name},enumerable:true}`).join(',');
      return { contents: `let m;const load=()=>(m??=require(${JSON.stringify(path)}));module.exports=Object.defineProperties({},{${getters}});`, loader: 'js' };
    });
  },
};
await rm(new URL('module/engine/', root), { recursive: true, force: true });
await build({
  // One entry file the module starts; code used only for PAC/WPAD (QuickJS, pac-resolver,
  // undici: ~1.3 MB) is split into chunks loaded on first use, so a plain check does not parse it.
  entryPoints: { 'mdi-connectivity': new URL('src/cli/entry.ts', root).pathname },
  outdir: new URL('module/engine/', root).pathname,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  define: { __ENGINE_VERSION__: JSON.stringify(pkg.version), __NODE_ENGINES__: JSON.stringify(pkg.engines.node) },
  // The NTLM library is CommonJS: give it a require inside the ESM bundle.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __mdiCreateRequire } from 'node:module';const require = __mdiCreateRequire(import.meta.url);",
  },
  plugins: [builtinsOnFirstUse],
  logLevel: 'warning',
});
await chmod(engineFile, 0o755);
// The PAC sandbox's QuickJS engine is WebAssembly that esbuild cannot inline: it ships beside the bundle.
await copyFile(new URL('node_modules/quickjs-wasi/quickjs.wasm', root), new URL('module/engine/quickjs.wasm', root));

console.error(`built ${engineFile.pathname} and ${schemaDir.pathname}`);
