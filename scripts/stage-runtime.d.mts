// Types for the tests that import scripts/stage-runtime.mjs.
export interface RuntimePin { packageName: string; binary: string; fileName: string; version: string; integrity: string }
export class StageError extends Error {}
export const repoRoot: string;
export const RUNTIME_PACKAGES: Record<string, { packageName: string; binary: string; fileName: string }>;
export function pinnedRuntime(platform: string, root?: string): RuntimePin;
export function integrityOf(file: string): string;
export function runtimeTarball(platform: string, cacheDir: string, root?: string): RuntimePin & { tarball: string };
export function obtainRuntime(platform: string, cacheDir: string, root?: string): Promise<RuntimePin & { binaryPath: string; licensePath?: string; origin: string }>;
export function nodeLicense(cacheDir: string, root?: string): Promise<string>;
