// Text-level checks that tie the module to the engine contract (src/contract/types.ts), keep the
// format view in step with the output handler, and guard the rule that the password travels only on stdin.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../../src/contract/types.js';
import { commandName, contractFields, moduleDir, privateFiles, publicFiles, read, repo, stripPowerShell, xmlProblems } from './powershell-text.js';

describe('output handler and format view', () => {
  const handler = read(join(moduleDir, 'Private', 'ConvertTo-MDICheckResult.ps1'));
  const formatFile = read(join(moduleDir, 'MDIConnectivity.Format.ps1xml'));
  // The file holds one view per output type; these checks are about the CheckResult view.
  const format = formatFile.split('<View>').find((view) => view.includes('<Name>MDIConnectivity.CheckResult.Table</Name>')) ?? '';
  const resultBlock = /PSTypeName\s*=\s*'MDIConnectivity\.CheckResult'([\s\S]*?)\n\s*\}/.exec(handler)?.[1] ?? '';
  const properties = [...resultBlock.matchAll(/^\s*(\w+)\s*=/gm)].map((m) => m[1]!);

  it('maps every CheckResult field of the contract to a PascalCase property', () => {
    const expected = contractFields('CheckResult').map((f) => f[0]!.toUpperCase() + f.slice(1));
    expect(expected.length).toBeGreaterThan(10);
    expect(properties.sort()).toEqual(expected.sort());
  });

  it('is well-formed XML', () => {
    for (const file of ['MDIConnectivity.Format.ps1xml', 'MDIConnectivity.Types.ps1xml']) {
      expect(xmlProblems(read(join(moduleDir, file))), file).toEqual([]);
    }
  });

  it('selects the type name the handler writes and shows existing properties', () => {
    expect(format).toContain('<TypeName>MDIConnectivity.CheckResult</TypeName>');
    expect(format).toContain('<TypeName>Deserialized.MDIConnectivity.CheckResult</TypeName>');
    // The columns and their order are checked in real pwsh (tests/pwsh/views-checkresult.test.ts).
    const headers = [...format.matchAll(/<Label>(\w+)<\/Label>/g)].map((m) => m[1]!);
    expect((format.match(/<TableColumnItem>/g) ?? []).length).toBe(headers.length);
    for (const m of format.matchAll(/<PropertyName>(\w+)<\/PropertyName>/g)) expect(properties).toContain(m[1]);
    for (const m of format.matchAll(/\$_\.(\w+)/g)) expect(properties).toContain(m[1]);
    expect(format).toMatch(/<Wrap\s*\/>/);
  });

  it('gives nested objects enough serialization depth for remoting', () => {
    const types = read(join(moduleDir, 'MDIConnectivity.Types.ps1xml'));
    expect(types).toMatch(/<Name>MDIConnectivity\.CheckResult<\/Name>[\s\S]*<Name>SerializationDepth<\/Name>\s*<Value>[3-9]<\/Value>/);
  });
});

const engineSeam = read(join(moduleDir, 'Private', 'Invoke-MDIEngine.ps1'));
const builder = read(join(moduleDir, 'Private', 'New-MDITestRequest.ps1'));

describe('engine contract', () => {

  it('speaks the contract schema version', () => {
    expect(/\$script:MDIExpectedSchemaVersion\s*=\s*(\d+)/.exec(engineSeam)?.[1]).toBe(String(SCHEMA_VERSION));
    expect(engineSeam).toContain('MDI_CONTRACT_MISMATCH');
  });

  it('sends only TestRequest fields', () => {
    // schemaVersion and frontEnd come from RequestEnvelope; the seam adds frontEnd to every request.
    const fields = new Set(contractFields('TestRequest'));
    const code = stripPowerShell(builder);
    const literalKeys = [...builder.matchAll(/^\s{8}(\w+)\s+=/gm)].map((m) => m[1]!);
    const indexKeys = [...builder.matchAll(/\$request\['(\w+)'\]/g)].map((m) => m[1]!);
    expect(indexKeys.length).toBeGreaterThan(5);
    for (const key of [...literalKeys, ...indexKeys, 'proxyPassword']) expect(fields.has(key), key).toBe(true);
    expect(code).toMatch(/command\s+=\s+'/);
  });

  it('runs "node <engine> invoke" and reads stderr by the line protocol', () => {
    expect(engineSeam).toMatch(/\.Arguments\s*=\s*'"\{0\}" invoke'\s*-f\s*\$runtime\.EnginePath/);
    for (const prefix of ["'^VERBOSE: ", "'^WARNING: ", "'^ERROR "]) expect(engineSeam).toContain(prefix);
    expect(engineSeam).toMatch(/ReadToEndAsync\(\)/);
    expect(engineSeam).toMatch(/ReadLineAsync\(\)/);
    expect(engineSeam).toContain('MDI_ENGINE_TIMEOUT');
  });
});

describe('the proxy password travels only on stdin', () => {
  const all = [...publicFiles, ...privateFiles, join(moduleDir, 'MDIConnectivity.psm1'), join(repo, 'build.ps1')];

  it.each(all.map((f) => [f.slice(repo.length + 1), f]))('%s puts no secret on argv or in the environment', (_name, file) => {
    const lines = read(file).split('\n');
    const code = stripPowerShell(read(file)).split('\n');
    code.forEach((line, n) => {
      if (/\.Arguments\s*=/.test(line)) expect(lines[n], `line ${n + 1}`).not.toMatch(/pass|cred|secret|json|payload|request/i);
      expect(line, `line ${n + 1}`).not.toMatch(/\$env:\w+\s*=[^=]/i);
      expect(line, `line ${n + 1}`).not.toMatch(/EnvironmentVariables|SetEnvironmentVariable|\.Environment\[/i);
      if (/Write-(Verbose|Debug|Host|Information|Warning|Progress)|WriteVerbose|WriteDebug/i.test(line)) {
        expect(lines[n], `line ${n + 1} logs a secret-bearing variable`).not.toMatch(/\$(payload|json|bytes|plain|request)\b|Password/i);
      }
    });
  });

  it('converts the SecureString only in the engine seam and the redactor', () => {
    const converting = all.filter((f) => /NetworkCredential|GetNetworkCredential|SecureStringToBSTR|PtrToString/i.test(stripPowerShell(read(f))));
    // ConvertTo-MDIDeployerArgument converts only under -RevealPassword, whose output is that password; the
    // engine still gets it on stdin only (tests/pwsh/config-deployer.test.ts: nowhere without the switch).
    expect(converting.map(commandName).sort()).toEqual(['ConvertTo-MDIDeployerArgument', 'Hide-MDISecret', 'Invoke-MDIEngine']);
    expect(builder).not.toMatch(/proxyPassword/);
  });

  it('writes the request to stdin and drops the plain text afterwards', () => {
    expect(engineSeam).toMatch(/StandardInput\.BaseStream\.Write\(\$bytes/);
    expect(engineSeam).toMatch(/finally\s*\{[^}]*\[Array\]::Clear\(\$bytes/);
    expect(engineSeam).toMatch(/\$payload\.Remove\('proxyPassword'\)/);
    expect(engineSeam).toMatch(/\$json = \$null/);
  });
});
