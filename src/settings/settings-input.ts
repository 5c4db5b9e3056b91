import type { SettingsInput } from '../contract/types.js';

/** Whether the request carries proxy settings to read (live registry values or a .reg export). */
export function hasSettingsInput(input: SettingsInput): boolean {
  return Boolean(input.registry || input.regFileBase64);
}
