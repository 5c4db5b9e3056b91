// mdi-connectivity catalog as an admin runs it: the table, the JSON answer (checked against the
// generated contract schema) and the bare allowlist for a proxy configuration.
import { describe, expect, it } from 'vitest';
import type { CatalogResponse } from '../../src/contract/types.js';
import { SCHEMA_VERSION } from '../../src/contract/types.js';
import { CATALOG_VERSION } from '../../src/catalog/sources.js';
import { invokeEngine, runEngine } from '../support/engine.js';
import { requestSchemaErrors, responseSchemaErrors } from '../support/schema.js';

describe('mdi-connectivity catalog', () => {
  it('prints the MDI table for a workspace, with the catalog version', async () => {
    const run = await runEngine(['catalog', '--workspace', 'contoso-corp']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Allowlist\s+Port\s+Category\s+Required\s+Test URL$/m);
    expect(run.stdout).toMatch(/^contoso-corpsensorapi\.atp\.azure\.com\s+443\s+SensorApi\s+required\s+https:\/\/contoso-corpsensorapi\.atp\.azure\.com\/tri\/sensor\/api\/ping$/m);
    expect(run.stdout).toMatch(/^crl\.microsoft\.com\s+80\s+CertificateAllowlist\s+required\s+http:\/\/crl\.microsoft\.com\//m);
    expect(run.stdout).toContain(`Catalog ${CATALOG_VERSION}:`);
    expect(run.stdout).not.toMatch(/triprd1/);
    expect(run.stderr).toBe('');
  });

  it('adds the legacy records with --include-legacy', async () => {
    const run = await runEngine(['catalog', '--cloud', 'GCCHigh', '--workspace', 'contoso', '--include-legacy']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^triff1wcva1sensorapi\.atp\.azure\.us\s+443\s+LegacyRegional\s+optional/m);
  });

  it('--json answers with a CatalogResponse that matches the contract schema', async () => {
    const run = await runEngine(['catalog', '--service', 'MDE', '--region', 'us', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const response = JSON.parse(run.stdout) as CatalogResponse;
    expect(responseSchemaErrors(response)).toEqual([]);
    expect(response).toMatchObject({ schemaVersion: SCHEMA_VERSION, command: 'catalog', catalogVersion: CATALOG_VERSION });
    expect(response.entries.find((e) => e.id === 'mde.us.gateway.cus')).toMatchObject({ testUrl: 'https://winatp-gw-cus.microsoft.com/commands/test', reachable: [200] });
  });

  it('--format list prints just the unique allowlist lines, ready to paste', async () => {
    const run = await runEngine(['catalog', '--region', 'EU', '--streamlined', '--format', 'list']);
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines).toContain('*.endpoint.security.microsoft.com');
    expect(lines).toContain('edr-weu.eu.endpoint.security.microsoft.com');
    expect(lines).toContain('www.microsoft.com/pkiops/*');
    for (const line of lines) expect(line).toMatch(/^(\*\.)?[a-z0-9.-]+(\/[a-z]+\/\*)?$/);
  });

  it('--format list keeps notes off stdout', async () => {
    const run = await runEngine(['catalog', '--format', 'list']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('<workspace>sensorapi.atp.azure.com');
    expect(run.stdout).not.toMatch(/Note/);
    expect(run.stderr).toMatch(/^Note: Give a workspace name/m);
  });

  it.each([
    [['catalog', '--service', 'MDE', '--region', 'Mars'], /^ERROR MDI_INVALID_ARGUMENT: --region 'Mars' is not one of US, EU/m],
    [['catalog', '--service', 'MDE'], /^ERROR MDI_INVALID_ARGUMENT: --service MDE needs --region/m],
    [['catalog', '--workspace', 'contoso.atp.azure.com'], /^ERROR MDI_INVALID_ARGUMENT: Workspace name 'contoso\.atp\.azure\.com' is not valid/m],
  ])('%j exits 2 with the error code', async (argv, message) => {
    const run = await runEngine(argv);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('answers the module\'s invoke request the same way', async () => {
    const request = { command: 'catalog' as const, service: 'MDI' as const, cloud: 'DoD' as const, workspace: 'contoso', includeLegacy: true };
    expect(requestSchemaErrors({ schemaVersion: SCHEMA_VERSION, ...request })).toEqual([]);
    const { response, exitCode, stderr } = await invokeEngine(request);
    expect(exitCode, stderr).toBe(0);
    expect(responseSchemaErrors(response)).toEqual([]);
    const catalog = response as CatalogResponse;
    expect(catalog.entries[0]).toMatchObject({ id: 'mdi.sensor-api', allowlist: 'contososensorapi.atp.azure.us', geography: 'DoD' });
    expect(catalog.entries.some((e) => e.id === 'mdi.legacy.triff1wcva2')).toBe(true);
  });
});
