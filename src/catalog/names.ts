import type { Cloud, MdeRegion } from '../contract/types.js';
import { CLOUDS } from '../endpoints/sensor-api.js';
import { invalidArgument } from '../errors.js';

// Cloud and region names, apart from the catalog data, so validating a name loads no data.

export const MDE_REGIONS: readonly MdeRegion[] = ['US', 'EU', 'UK', 'AU', 'UAE', 'GCC', 'GCCHigh', 'DoD'];

/** US Government data locations: their own gateways, storage and streamlined domain. */
export function isGovRegion(region: MdeRegion): region is 'GCC' | 'GCCHigh' | 'DoD' {
  return region === 'GCC' || region === 'GCCHigh' || region === 'DoD';
}

/** PowerShell's ValidateSet lets any casing through: match names the way it does. */
export function pickName<T extends string>(value: unknown, names: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  const found = names.find((name) => name.toLowerCase() === String(value).toLowerCase());
  if (!found) throw invalidArgument(`${what} '${String(value)}' is not one of ${names.join(', ')}.`);
  return found;
}

export function cloudFrom(value: unknown): Cloud | undefined {
  return pickName(value, CLOUDS, 'Cloud');
}

export function regionFrom(value: unknown): MdeRegion | undefined {
  return pickName(value, MDE_REGIONS, 'Region');
}
