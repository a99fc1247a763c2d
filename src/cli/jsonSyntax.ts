/**
 * Where a JSON text first breaks the grammar, and why, in words that do not depend on the
 * JavaScript engine (`JSON.parse` messages differ between Node versions, and some carry no
 * position). Used only to explain a text `JSON.parse` has already refused.
 */
export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 code units) of the first character that is wrong. */
  offset: number;
  reason: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /[0-9a-fA-F]{4}/y;

function shown(char: string): string {
  return JSON.stringify(char);
}

/** Returns the first syntax error of `text`, or `undefined` when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const open: ('{' | '[')[] = [];
  let expect: 'value' | 'key' | 'next' = 'value';

  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const fail = (reason: string, offset = at): JsonSyntaxError => ({ offset, reason });

  /** Reads a string starting at `at` (on its opening quote); returns an error or undefined. */
  const readString = (): JsonSyntaxError | undefined => {
    const start = at;
    at++;
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '"') {
        at++;
        return undefined;
      }
      if (char === '\\') {
        const next = text.charAt(at + 1);
        if (next === 'u') {
          HEX4.lastIndex = at + 2;
          if (!HEX4.test(text)) return fail('invalid \\u escape in a string');
          at += 6;
        } else if (ESCAPES.has(next)) at += 2;
        else return fail(`invalid escape "\\${next}" in a string`);
      } else if (char.charCodeAt(0) < 0x20) {
        return fail('a line break or control character inside a string (write it as \\n)');
      } else at++;
    }
    return fail('a string is not closed', start);
  };

  for (;;) {
    skipSpace();
    if (expect === 'next') {
      const container = open.at(-1);
      if (container === undefined) {
        return at < text.length ? fail('unexpected text after the end of the document') : undefined;
      }
      const close = container === '{' ? '}' : ']';
      const char = text.charAt(at);
      if (char === close) {
        open.pop();
        at++;
      } else if (char === ',') {
        const comma = at;
        at++;
        skipSpace();
        if (text.charAt(at) === '}' || text.charAt(at) === ']')
          return fail('trailing comma', comma);
        expect = container === '{' ? 'key' : 'value';
      } else if (at >= text.length) {
        return fail(`unexpected end of file: "${close}" is missing`);
      } else {
        return fail(`expected "," or "${close}", found ${shown(char)}`);
      }
      continue;
    }
    if (at >= text.length) return fail('unexpected end of file');
    const char = text.charAt(at);
    if (expect === 'key') {
      if (char !== '"')
        return fail(`expected a property name in double quotes, found ${shown(char)}`);
      const error = readString();
      if (error) return error;
      skipSpace();
      if (text.charAt(at) !== ':') return fail('expected ":" after a property name');
      at++;
      expect = 'value';
      continue;
    }
    // expect === 'value'
    if (char === '{' || char === '[') {
      open.push(char);
      at++;
      skipSpace();
      if (text.charAt(at) === (char === '{' ? '}' : ']')) {
        open.pop();
        at++;
        expect = 'next';
      } else expect = char === '{' ? 'key' : 'value';
      continue;
    }
    if (char === '"') {
      const error = readString();
      if (error) return error;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER.lastIndex = at;
      if (!NUMBER.test(text)) return fail('invalid number');
      at = NUMBER.lastIndex;
    } else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, at));
      if (!literal) return fail(`unexpected ${shown(char)}`);
      at += literal.length;
    }
    expect = 'next';
  }
}
