// The scanner must accept exactly what JSON.parse accepts (for top-level objects) and
// find each member's exact value span: checked on hand-picked cases and on seeded fuzz.
import { describe, expect, it } from 'vitest';
import { JsonScanError, scanDocument } from '../../../src/sensor-config/json-scanner.js';
import { prng } from '../../support/prng.js';

function agreeWithJsonParse(text: string): void {
  let parsed: unknown;
  let parseOk = true;
  try {
    parsed = JSON.parse(text);
  } catch {
    parseOk = false;
  }
  const isObject = parseOk && parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  if (!isObject) {
    expect(() => scanDocument(text), text).toThrow(JsonScanError);
    return;
  }
  const doc = scanDocument(text);
  const byName = new Map<string, unknown>();
  for (const member of doc.members) byName.set(member.name, JSON.parse(text.slice(member.valueStart, member.valueEnd)));
  // JSON.parse keeps the last of duplicate names, as the Map does.
  expect(Object.fromEntries(byName), text).toEqual(parsed);
  expect(text[doc.open]).toBe('{');
  expect(text[doc.close]).toBe('}');
}

describe('scanDocument', () => {
  it.each([
    '{}',
    ' \t\r\n{ } \n',
    '{"a":1}',
    '{"a" : [1, 2, {"b": [ ]}], "c": "x\\"y\\\\z\\u00e9\\/"}',
    '{"big": 12345678901234567890, "neg": -0.5e-10, "e": 1E+2, "z": 0}',
    '{"n": null, "t": true, "f": false, "s": ""}',
    '{"\\u0053ensorProxyConfiguration": {"Url": "x"}}',
    '{"dup": 1, "dup": 2}',
    '{"emoji": "😀", "raw": "Zürich"}',
    '{"deep": [[[[[[[[[[{}]]]]]]]]]]}',
  ])('finds the members of %s', (text) => agreeWithJsonParse(text));

  it.each([
    '', '[]', '"x"', '1', 'null', '{', '{"a"}', '{"a":}', '{"a":1,}', '{,}', '{"a":1 "b":2}', "{'a':1}", '{"a":01}', '{"a":1.}',
    '{"a":.5}', '{"a":+1}', '{"a":-}', '{"a":1e}', '{"a":NaN}', '{"a":tru}', '{"a":"\t"}', '{"a":"\\x"}', '{"a":"\\u12"}',
    '{"a":1}x', '{"a":1}}', '{a:1}', '\u00a0{}', '{"a":[1,]}', '{"a":[,1]}', '{"a":"unterminated}',
  ])('refuses %j as JSON.parse does', (text) => agreeWithJsonParse(text));

  it('says where the problem is', () => {
    try {
      scanDocument('{\n  "a": 1,\n  "b": ]\n}');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JsonScanError);
      expect((error as JsonScanError).line).toBe(3);
      expect((error as Error).message).toMatch(/line 3, column 8/);
    }
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const text = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(() => scanDocument(text)).toThrow(/nesting deeper/);
  });

  it('agrees with JSON.parse on 3000 random documents and mutations of them (seed 4242)', () => {
    const r = prng(4242);
    const atoms = ['0', '-1', '3.25', '1e5', '12345678901234567890', 'true', 'false', 'null', '""', '"a\\nb"', '"\\u00e9"', '"q\\"q"'];
    const ws = ['', ' ', '\t', '\r\n', '\n  '];
    const value = (depth: number): string => {
      const kind = depth > 4 ? 0 : r.int(4);
      if (kind === 0) return r.pick(atoms);
      if (kind === 1) return `[${Array.from({ length: r.int(4) }, () => r.pick(ws) + value(depth + 1) + r.pick(ws)).join(',')}]`;
      return object(depth + 1);
    };
    const object = (depth: number): string =>
      `{${Array.from({ length: r.int(5) }, (_, k) => `${r.pick(ws)}"k${k}${r.pick(['', 'é', '\\t'])}"${r.pick(ws)}:${r.pick(ws)}${value(depth)}${r.pick(ws)}`).join(',')}}`;
    const noise = ['', ',', '}', ']', '"', ':', '0', '-', '.', 'e', '\\', ' ', '{', '['];
    for (let n = 0; n < 3000; n += 1) {
      let text = object(0);
      if (n % 2 === 1) {
        const at = r.int(text.length + 1);
        const cut = r.int(3);
        text = text.slice(0, at) + r.pick(noise) + text.slice(at + cut);
      }
      agreeWithJsonParse(text);
    }
  });
});
