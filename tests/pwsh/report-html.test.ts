// Export-MDIConnectivityReport on real results (Squid and TLS peers of the loopback harness, through the
// module in real pwsh), rendered by headless Chromium: DOM assertions, print layout, no network, no injected
// markup, and the screenshot in docs/report.png. The JSON report is validated against its generated schema.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import type { PowerShell } from 'node-powershell';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConnectivityReport } from '../../src/contract/report-types.js';
import { moduleShell, psString, repo, run, skipPwsh } from '../support/pwsh.js';

const h = inject('harness');
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// Markup a proxy's error page or a host name could carry; none of it may become an element.
const HOSTILE_HOST = 'dc07"><img id="injected-img" src=x>';
const HOSTILE_BODY = '<h1 id="injected">Access denied</h1><iframe src="http://evil.invalid/"></iframe><script>document.title="pwned"</script>';
const HOSTILE_DETAIL = '</dd></dl><form id="injected-form"><input name=password></form>';

describe.skipIf(skipPwsh)('Export-MDIConnectivityReport', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mdi-report-'));
  const html = path.join(dir, 'report.html');
  const json = path.join(dir, 'report.json');
  let shell: PowerShell;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    shell = await moduleShell();
    const check = (computer: string, proxy: string, scenario: 'ok' | 'expired') =>
      `Test-MDIConnectivity -SensorApiUrl ${h.targets[scenario].url} -ProxyUrl ${proxy} -TrustedRootCertificate ${psString(h.pki.root.certPath)} -SkipAllowlist -TimeoutSec 5 | ` +
      `Add-Member -NotePropertyName ComputerName -NotePropertyValue ${psString(computer)} -PassThru`;
    const made = await run(
      shell,
      [
        `$results = @(${[
          check('dc01.contoso.com', h.squid.urls.open, 'ok'),
          check('dc02.contoso.com', h.squid.urls.basic, 'ok'),
          check('dc03.contoso.com', h.squid.urls.bump, 'ok'),
          check('dc04.contoso.com', h.squid.urls.deny, 'ok'),
          check('dc05.contoso.com', h.squid.urls.open, 'ok'),
          check('dc08.contoso.com', h.squid.urls.open, 'expired'),
        ].map((c) => `(${c})`).join(', ')})`,
        `$results += & (Get-Module MDIConnectivity) { New-MDIFleetHostResult -ComputerName 'dc06.contoso.com' -Verdict HostUnreachable -Transport SSH -Detail 'The SSH transport process has abruptly terminated. ssh reported: connect to host dc06.contoso.com port 22: No route to host' }`,
        `$hostile = $results[3].PSObject.Copy()`,
        `$hostile.ComputerName = ${psString(HOSTILE_HOST)}`,
        `$hostile.ResponseBody = ${psString(HOSTILE_BODY)}`,
        `$hostile.Detail = ${psString(HOSTILE_DETAIL)}`,
        `$results += $hostile`,
        `$results | Export-MDIConnectivityReport -Path ${psString(html)}`,
        `$results | Export-MDIConnectivityReport -Path ${psString(json)}`,
        `@($results | ForEach-Object { $_.Verdict })`,
      ].join('; '),
    );
    expect(made.ok, made.message).toBe(true);
    expect(made.value).toEqual(['Pass', 'ProxyAuthRequired', 'TlsInspected', 'ProxyDenied', 'Pass', 'CertificateExpired', 'HostUnreachable', 'ProxyDenied']);

    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1366, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(html).href);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await shell?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the JSON follows the generated schema and orders failing hosts first', () => {
    const schema = JSON.parse(readFileSync(path.join(repo, 'module/schema/connectivity-report.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const report = JSON.parse(readFileSync(json, 'utf8')) as ConnectivityReport;
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(report.hostCount).toBe(8);
    expect(report.failingHostCount).toBe(6);
    expect(report.hosts.map((entry) => entry.passed)).toEqual([false, false, false, false, false, false, true, true]);
    expect(report.summary).toEqual([
      { verdict: 'ProxyDenied', hosts: 2 },
      { verdict: 'CertificateExpired', hosts: 1 },
      { verdict: 'HostUnreachable', hosts: 1 },
      { verdict: 'ProxyAuthRequired', hosts: 1 },
      { verdict: 'TlsInspected', hosts: 1 },
      { verdict: 'Pass', hosts: 2 },
    ]);
    // Values are data in the JSON: kept as received.
    expect(report.hosts.find((entry) => entry.computerName === HOSTILE_HOST)?.checks[0]?.responseBody).toBe(HOSTILE_BODY);
  });

  it('shows a summary line per verdict with its host count, and the hosts failing first', async () => {
    const summary = await page.$$eval('table.summary tr', (rows) => rows.map((row) => [row.getAttribute('data-verdict'), row.querySelector('.count')?.textContent]));
    expect(summary).toEqual([
      ['ProxyDenied', '2'],
      ['CertificateExpired', '1'],
      ['HostUnreachable', '1'],
      ['ProxyAuthRequired', '1'],
      ['TlsInspected', '1'],
      ['Pass', '2'],
    ]);
    const hosts = await page.$$eval('article.host', (articles) => articles.map((a) => [a.getAttribute('data-host'), a.getAttribute('data-verdict')]));
    // Failing first, then by name: dc02, dc03, dc04, dc06, dc07 (hostile), dc08; then dc01, dc05.
    expect(hosts.map(([, verdict]) => verdict)).toEqual(['ProxyAuthRequired', 'TlsInspected', 'ProxyDenied', 'HostUnreachable', 'ProxyDenied', 'CertificateExpired', 'Pass', 'Pass']);
    expect(hosts.map(([name]) => name)).toContain(HOSTILE_HOST);
    expect(await page.locator('header .meta').textContent()).toMatch(/8 host\(s\), 6 failing/);
  });

  it('gives each failing host its detail, remediation, route, phase bars and a folded chain', async () => {
    const report = JSON.parse(readFileSync(json, 'utf8')) as ConnectivityReport;
    const expected = report.hosts.find((entry) => entry.computerName === 'dc02.contoso.com')?.checks[0];
    const dc02 = page.locator('article[data-host="dc02.contoso.com"]');
    expect(await dc02.locator('.remediation').textContent()).toBe(expected?.remediation);
    expect(expected?.remediation).toMatch(/credential/i);
    expect(await dc02.locator('.route').textContent()).toContain(h.squid.urls.basic);
    expect(await dc02.locator('.phase-bar').count()).toBeGreaterThanOrEqual(2);
    const unreachable = page.locator('article[data-host="dc06.contoso.com"]');
    expect(await unreachable.locator('.detail').textContent()).toMatch(/No route to host/);
    const chain = page.locator('article[data-host="dc03.contoso.com"] details.chain');
    expect(await chain.locator('summary').textContent()).toMatch(/Certificate chain \(\d\)/);
    expect(await chain.locator('li').first().isVisible()).toBe(false);
    // On paper the folded parts unfold.
    await page.emulateMedia({ media: 'print' });
    expect(await chain.locator('li').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows hostile values as text: no injected element, no script, no request', async () => {
    for (const selector of ['#injected', '#injected-img', '#injected-form', 'iframe', 'script', 'img', 'form']) {
      expect(await page.locator(selector).count(), selector).toBe(0);
    }
    expect(await page.title()).toBe('Defender for Identity connectivity report');
    const hostile = page.locator('article.host').filter({ hasText: 'Access denied' });
    expect(await hostile.locator('.response').textContent()).toBe(HOSTILE_BODY);
    expect(await hostile.locator('.detail').textContent()).toBe(HOSTILE_DETAIL);
    expect(requests).toEqual([]);
  });

  it('renders at desktop width (docs/report.png)', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const shot = await page.screenshot({ path: path.join(repo, 'docs', 'report.png'), fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  });
});
