// A small JSON scanner that records where each top-level member sits instead of
// building values. JSON.parse + JSON.stringify would lose what the sensor wrote
// (member order survives, but big integers round, \u escapes and formatting go);
// with offsets we can replace one member's value and keep every other character.
// It validates the whole grammar (RFC 8259) so an offset is never taken from a
// document that JSON.parse would refuse.

export interface JsonMember {
  /** Decoded member name. */
  name: string;
  /** Offset of the name's opening quote. */
  keyStart: number;
  /** Offset just after the name's closing quote. */
  keyEnd: number;
  valueStart: number;
  /** Offset just after the value. */
  valueEnd: number;
  /** First character of the value: '{', '[', '"', 'n' (null)... */
  valueKind: string;
}

export interface ScannedDocument {
  /** Offsets of the top-level object's braces. */
  open: number;
  close: number;
  members: JsonMember[];
}

export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonScanError';
  }
}

/** Deeper nesting is refused rather than risking the stack on a hostile file. */
const MAX_DEPTH = 512;

export function scanDocument(text: string): ScannedDocument {
  return new Scanner(text).document();
}

class Scanner {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): ScannedDocument {
    this.ws();
    if (this.s[this.i] !== '{') this.fail('the document must be a JSON object');
    const open = this.i;
    const members = this.object(0, true);
    const close = this.i - 1;
    this.ws();
    if (this.i < this.s.length) this.fail('unexpected text after the closing brace');
    return { open, close, members };
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const c = this.s[this.i];
    if (c === '{') this.object(depth + 1, false);
    else if (c === '[') this.array(depth + 1);
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) this.fail(c === undefined ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`);
  }

  private object(depth: number, record: boolean): JsonMember[] {
    const members: JsonMember[] = [];
    this.i += 1;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i += 1;
      return members;
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail('expected a member name in double quotes');
      const keyStart = this.i;
      this.string();
      const keyEnd = this.i;
      this.ws();
      if (this.s[this.i] !== ':') this.fail("expected ':' after the member name");
      this.i += 1;
      this.ws();
      const valueStart = this.i;
      const valueKind = this.s[this.i] ?? '';
      this.value(depth);
      if (record) members.push({ name: JSON.parse(this.s.slice(keyStart, keyEnd)) as string, keyStart, keyEnd, valueStart, valueEnd: this.i, valueKind });
      this.ws();
      const c = this.s[this.i];
      this.i += 1;
      if (c === '}') return members;
      if (c !== ',') this.fail("expected ',' or '}'", this.i - 1);
      this.ws();
    }
  }

  private array(depth: number): void {
    this.i += 1;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i += 1;
      return;
    }
    for (;;) {
      this.value(depth);
      this.ws();
      const c = this.s[this.i];
      this.i += 1;
      if (c === ']') return;
      if (c !== ',') this.fail("expected ',' or ']'", this.i - 1);
      this.ws();
    }
  }

  private string(): void {
    const start = this.i;
    this.i += 1;
    for (;;) {
      const code = this.s.charCodeAt(this.i);
      if (Number.isNaN(code)) this.fail('unterminated string', start);
      if (code === 0x22) {
        this.i += 1;
        return;
      }
      if (code < 0x20) this.fail('control character inside a string (it must be escaped)');
      if (code === 0x5c) {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.fail('bad \\u escape');
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('bad escape sequence');
        this.i += 2;
        continue;
      }
      this.i += 1;
    }
  }

  private number(): void {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = this.i;
    const m = match.exec(this.s);
    if (!m || m[0] === '-' || m[0] === '') this.fail('malformed number');
    this.i += m[0].length;
    // "01" or "1." leave a digit or dot right after the match: not JSON.
    const next = this.s[this.i];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail('malformed number');
  }

  private literal(word: string): boolean {
    if (!this.s.startsWith(word, this.i)) return false;
    this.i += word.length;
    return true;
  }

  private ws(): void {
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.i += 1;
    }
  }

  private fail(message: string, at = this.i): never {
    const before = this.s.slice(0, at);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    const column = at - (before.lastIndexOf('\n') + 1) + 1;
    throw new JsonScanError(`${message} (line ${line}, column ${column})`, at, line, column);
  }
}
