// Human views of the sensor-configuration commands. Secrets never appear: the stored
// password is ciphertext (shown shortened), the plain password only in deployer-syntax
// output the admin explicitly asked to reveal.

import type { DeployerSyntaxResponse, SensorConfigResponse, SensorProxySettings, UnifiedProxyResponse } from '../contract/types.js';

export function renderSensorConfig(response: SensorConfigResponse): string {
  const rows: string[][] = [
    ['File', `${response.sourcePath} (${response.encoding})`],
    ['Endpoint', response.sensorApiUrl ?? 'none in the file'],
    ['Certificate', response.secretManagerCertificateThumbprint ?? 'none in the file'],
  ];
  if (response.change) {
    rows.push(['Before', describe(response.previous)]);
    rows.push([response.change.whatIf ? 'Would be' : 'Now', describe(response.proxy)]);
    const c = response.change;
    const what = !c.changed ? 'no change needed' : c.whatIf ? `would ${c.edit === 'Inserted' ? 'add' : 'replace'} bytes ${c.range.start}-${c.range.end}; every other byte kept` : `${c.edit === 'Inserted' ? 'added' : 'replaced'} bytes ${c.range.start}-${c.range.end}; every other byte kept`;
    rows.push(['Change', what]);
    if (c.backupPath) rows.push(['Backup', c.backupPath]);
  } else {
    rows.push(['Proxy', describe(response.proxy)]);
    if (response.passwordCheck) rows.push(['Password', response.passwordCheck.detail]);
  }
  return [table(rows), ...response.notes.map((note) => `Note       ${note}`)].join('\n') + '\n';
}

function describe(proxy: SensorProxySettings | null): string {
  if (!proxy?.isProxyEnabled) return 'no proxy';
  const auth = proxy.isAuthenticationProxyEnabled
    ? ` as ${proxy.userName} (password encrypted for ${proxy.certificateThumbprint ?? 'an unnamed certificate'}: ${short(proxy.encryptedUserPasswordData)})`
    : ' (no authentication)';
  return `${proxy.url}${auth}`;
}

function short(value: string | null): string {
  if (!value) return 'none';
  return value.length > 24 ? `${value.slice(0, 12)}…${value.slice(-8)}` : value;
}

export function renderDeployer(response: DeployerSyntaxResponse): string {
  const rows = [
    ['Arguments', response.arguments],
    ['cmd.exe', response.cmdCommandLine],
  ];
  if (response.ignored.length) rows.push(['Ignored', response.ignored.join(' ')]);
  return [table(rows), ...response.warnings.map((w) => `Warning    ${w}`)].join('\n') + '\n';
}

export function renderUnified(response: UnifiedProxyResponse, whatIf: boolean, written: string[]): string {
  const rows = [
    ['Source', response.source === 'regFile' ? 'a .reg file' : 'the registry'],
    ['Proxy', response.proxyUrl ?? 'none'],
    ...response.changes.map((c) => [c.name, c.unchanged ? `unchanged (${c.current ?? 'absent'})` : `${c.current ?? 'absent'} -> ${c.new ?? 'deleted'}`]),
  ];
  const tail = response.action === 'get' ? [] : whatIf ? ['What if: nothing written.'] : written.map((path) => `Wrote ${path}`);
  return [table(rows), ...response.notes.map((note) => `Note       ${note}`), ...tail].join('\n') + '\n';
}

function table(rows: string[][]): string {
  const width = Math.max(11, ...rows.map(([name]) => (name?.length ?? 0) + 2));
  return rows.map(([name, value]) => `${name!.padEnd(width)}${value}`).join('\n');
}
