// Where JSON.parse gave up, in words an admin can act on. V8 names a position (and from
// Node 22 a line and column) for most errors, but for "Unexpected token 'x'" it quotes a
// snippet only; then the position is found by bisection: every prefix that ends before
// the bad character fails at its own end, every longer one fails earlier.

export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const end = text.trimEnd().length;
  if (/Unexpected end of JSON input/i.test(message)) return cutShort();
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position) >= end ? cutShort() : `error at ${lineColumn(text, Number(position))}`;
  const bad = firstBadCharacter(text);
  return bad === null ? message.slice(0, 120) : `unexpected ${JSON.stringify(text[bad])} at ${lineColumn(text, bad)}`;
}

function cutShort(): string {
  return 'it ends in the middle of the document: was it cut short while downloading?';
}

function lineColumn(text: string, position: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line} column ${position - start + 1}`;
}

/** Index of the character that makes `text` invalid, when it is not the end of the text. */
function firstBadCharacter(text: string): number | null {
  const failsBeforeEnd = (length: number): boolean => {
    const prefix = text.slice(0, length);
    try {
      JSON.parse(prefix);
      return false;
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (/Unexpected end of JSON input/i.test(message)) return false;
      const position = /at position (\d+)/.exec(message)?.[1];
      return position === undefined || Number(position) < prefix.trimEnd().length;
    }
  };
  if (!failsBeforeEnd(text.length)) return null;
  let low = 0; // fails at its end (or parses)
  let high = text.length; // fails before its end
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (failsBeforeEnd(middle)) high = middle;
    else low = middle;
  }
  return high - 1;
}
