import { SCHEMA_VERSION, type CopySettingsRequest, type CopySettingsResponse, type SettingsScope } from '../contract/types.js';
import { buildRegFile, regBinary, writeRegFile, type RegKeyInput } from '../codecs/reg-file.js';
import { invalidArgument } from '../errors.js';
import { loadSettings } from '../settings/load-settings.js';
import { hasSettingsInput } from '../settings/settings-input.js';
import { describeLocation, locationOf } from '../settings/scopes.js';

const TARGETS = ['LocalSystem', 'LocalService'] as const;

/**
 * What the docs have admins do by hand in regedit: copy the current user's
 * DefaultConnectionSettings byte for byte to LocalSystem and/or LocalService. The
 * engine only plans it: the backup .reg (restores exactly what is there now, deleting
 * values that did not exist), the import .reg, and the bytes to verify after writing.
 * The module writes the backup first, then the registry, then reads back.
 */
export function runCopySettings(request: CopySettingsRequest): CopySettingsResponse {
  if (!hasSettingsInput(request)) throw invalidArgument('No settings to copy from: give the live registry (module on Windows) or a .reg export.');
  const to = [...new Set(request.to ?? [])];
  if (to.length === 0 || !to.every((scope) => (TARGETS as readonly string[]).includes(scope))) {
    throw invalidArgument(`Copy to LocalSystem and/or LocalService (got ${to.join(', ') || 'nothing'}).`);
  }
  const settings = loadSettings(request);
  const source = settings.scopes.get('CurrentUser')!;
  if (!source.raw) throw invalidArgument(`The current user has no DefaultConnectionSettings under ${source.location.key} to copy.`);
  if (source.error) throw invalidArgument(`The current user's DefaultConnectionSettings cannot be read (${source.error.message}); fix it before copying it anywhere.`);
  const sourceBytes = source.raw;
  const targets = to.map((scope: SettingsScope) => {
    const current = settings.scopes.get(scope)!.raw;
    return {
      scope,
      location: describeLocation(locationOf(scope)),
      currentBase64: current ? base64(current) : null,
      newBase64: base64(sourceBytes),
      unchanged: current !== null && Buffer.compare(Buffer.from(current), Buffer.from(sourceBytes)) === 0,
    };
  });
  const keys = (pick: (scope: SettingsScope, current: Uint8Array | null) => Uint8Array | null): RegKeyInput[] =>
    to.map((scope) => {
      const location = locationOf(scope);
      const bytes = pick(scope, settings.scopes.get(scope)!.raw);
      return { path: location.key, values: [{ name: location.value, data: bytes ? regBinary(bytes) : null }] };
    });
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'copy-settings',
    targets,
    backupRegBase64: base64(writeRegFile(buildRegFile(keys((_scope, current) => current)))),
    importRegBase64: base64(writeRegFile(buildRegFile(keys(() => sourceBytes)))),
  };
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
