// Bundles a TypeScript entry of this repo for plain Node (bench, demo), beside node_modules
// so bare imports resolve. Tests don't need it: vitest loads .ts itself.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function importTs(relativeEntry) {
  const outDir = path.join(root, 'node_modules', '.cache', 'mdi-ts');
  await mkdir(outDir, { recursive: true });
  const outfile = path.join(outDir, `${path.basename(relativeEntry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(root, relativeEntry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Dependencies are bundled as in the shipped engine; CommonJS ones get a require.
    banner: { js: "import { createRequire as __mdiCreateRequire } from 'node:module';const require = __mdiCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
