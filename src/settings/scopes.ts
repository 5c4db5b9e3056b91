import type { SettingsScope } from '../contract/types.js';

// FACTS §5: where each account's WinINet settings, the machine-wide ones and WinHTTP's live.
const CONNECTIONS = 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections';

export interface ScopeLocation {
  scope: SettingsScope;
  /** Key as regedit exports it. */
  key: string;
  value: 'DefaultConnectionSettings' | 'WinHttpSettings';
}

export const SCOPE_LOCATIONS: readonly ScopeLocation[] = [
  { scope: 'CurrentUser', key: `HKEY_CURRENT_USER\\${CONNECTIONS}`, value: 'DefaultConnectionSettings' },
  { scope: 'LocalSystem', key: `HKEY_USERS\\S-1-5-18\\${CONNECTIONS}`, value: 'DefaultConnectionSettings' },
  { scope: 'LocalService', key: `HKEY_USERS\\S-1-5-19\\${CONNECTIONS}`, value: 'DefaultConnectionSettings' },
  { scope: 'DefaultUser', key: `HKEY_USERS\\.DEFAULT\\${CONNECTIONS}`, value: 'DefaultConnectionSettings' },
  { scope: 'Machine', key: `HKEY_LOCAL_MACHINE\\${CONNECTIONS}`, value: 'DefaultConnectionSettings' },
  { scope: 'WinHttp', key: `HKEY_LOCAL_MACHINE\\${CONNECTIONS}`, value: 'WinHttpSettings' },
];

/** ProxySettingsPerUser = 0 here makes every account use the Machine scope. */
export const PER_USER_POLICY = {
  key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
  value: 'ProxySettingsPerUser',
} as const;

/** The 32-bit view of WinHTTP settings, read when the 64-bit one is absent. */
export const WINHTTP_WOW64_KEY = `HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections`;

export function locationOf(scope: SettingsScope): ScopeLocation {
  return SCOPE_LOCATIONS.find((location) => location.scope === scope)!;
}

export function describeLocation(location: ScopeLocation): string {
  return `${location.key}\\${location.value}`;
}
