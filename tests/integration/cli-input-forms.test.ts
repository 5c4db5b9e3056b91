// What real systems hand the CLI: `<subcommand> --help` from an admin, and list files saved by
// Windows tools (Windows PowerShell 5.1's Out-File and `>` write UTF-16LE with a BOM).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../support/engine.js';

const SUBCOMMANDS = ['test', 'mde-test', 'settings', 'copy-settings', 'sensor-config', 'deployer-syntax', 'unified-proxy', 'catalog', 'service-tags', 'invoke'];

describe('<subcommand> --help', () => {
  it.each(SUBCOMMANDS)('%s --help prints that subcommand\'s usage and exits 0', async (subcommand) => {
    const run = await runEngine([subcommand, '--help']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const usage = run.stdout.split('\n\n')[0]!.split('\n');
    expect(usage[0]).toBe('Usage:');
    const commandLines = usage.filter((line) => line.startsWith('  mdi-connectivity '));
    expect(commandLines.length).toBeGreaterThan(0);
    for (const line of commandLines) expect(line.split(/\s+/)[2]).toBe(subcommand);
    expect(run.stdout).toMatch(/Exit codes: 0 /);
  });

  it('-h, `help <subcommand>` and --help after other arguments say the same', async () => {
    const reference = (await runEngine(['settings', '--help'])).stdout;
    for (const args of [['settings', '-h'], ['help', 'settings'], ['settings', '--reg-file', 'x.reg', '--help']]) {
      const run = await runEngine(args);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(reference);
    }
  });

  it('help for an unknown subcommand is bad input', async () => {
    const run = await runEngine(['frobnicate', '--help']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^ERROR MDI_INVALID_ARGUMENT: Unknown command 'frobnicate'/);
  });
});

describe('service-tags --firewall list files as Windows saves them', () => {
  const fixtures = fileURLToPath(new URL('../fixtures/service-tags/', import.meta.url));
  const publicFile = join(fixtures, 'ServiceTags_Public_20261116.json');
  const list = readFileSync(join(fixtures, 'firewall-allowlist.txt'), 'utf8').replace(/\n/g, '\r\n');
  const dir = mkdtempSync(join(tmpdir(), 'mdi-firewall-'));
  const files = {
    'UTF-8': Buffer.from(list, 'utf8'),
    'UTF-8 with BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(list, 'utf8')]),
    'UTF-16LE with BOM (Out-File, Windows PowerShell 5.1)': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(list, 'utf16le')]),
    'UTF-16BE with BOM': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(list, 'utf16le').swap16()]),
  };

  it.each(Object.keys(files))('%s gives the same comparison as the UTF-8 file', async (encoding) => {
    const path = join(dir, `${encoding.replace(/\W+/g, '-')}.txt`);
    writeFileSync(path, files[encoding as keyof typeof files]);
    const run = await runEngine(['service-tags', '--file', publicFile, '--firewall', path, '--json']);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout).firewall).toEqual({
      missing: ['2603:1000:4::140/123', '51.104.25.144/29'], stale: ['40.119.0.0/29'], broader: ['191.235.0.0/16'], covered: 4, passed: false,
    });
  });
});
