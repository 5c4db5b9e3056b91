// The part of esprima (no bundled types) the PAC syntax gate uses.
declare module 'esprima' {
  /** Parses an ES2017 script; throws an Error with lineNumber/description on a syntax error. */
  export function parseScript(code: string): unknown;
}
