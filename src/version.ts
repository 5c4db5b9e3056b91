// Replaced at bundle time by scripts/build.mjs with package.json's version.
declare const __ENGINE_VERSION__: string | undefined;
export const ENGINE_VERSION = typeof __ENGINE_VERSION__ === 'string' ? __ENGINE_VERSION__ : '0.0.0-dev';
