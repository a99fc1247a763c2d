/**
 * How `validate` reads an order file, in-process: every reason and location it gives for a file
 * it refuses. (test/cli/validate-bad-input.test.ts runs the built CLI on one case of each kind.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/exitCodes.js';
import { findJsonSyntaxError } from '../../src/cli/jsonSyntax.js';
import { parseOrderText } from '../../src/cli/readOrderFile.js';

function refusal(text: string, file = 'order.json'): string {
  try {
    parseOrderText(text, file);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    expect(error.exitCode).toBe(2);
    expect(error.message).not.toContain('\n');
    return error.message;
  }
  throw new Error('the text was accepted');
}

describe('JSON that does not parse: where and why', () => {
  it.each([
    [
      'an unexpected character',
      '{\n  "session": {},\n  "lines": [,]\n}',
      'line 3, column 13: unexpected ","',
    ],
    ['a trailing comma', '{"lines": [],}', 'line 1, column 13: trailing comma'],
    [
      'single quotes',
      "{'lines': []}",
      'line 1, column 2: expected a property name in double quotes, found "\'"',
    ],
    [
      'a line break in a string',
      '{"lines": ["a\nb"]}',
      'line 1, column 14: a line break or control character',
    ],
    [
      'a missing comma',
      '{"session": {}\n "lines": []}',
      'line 2, column 2: expected "," or "}", found "\\""',
    ],
    ['a missing colon', '{"lines" []}', 'line 1, column 10: expected ":" after a property name'],
    ['a bad escape', '{"lines": ["\\x"]}', 'line 1, column 13: invalid escape "\\x" in a string'],
    ['a bad number', '{"lines": [-]}', 'line 1, column 12: invalid number'],
    ['an unclosed string', '{"lines": ["abc', 'line 1, column 12: a string is not closed'],
    ['a file cut short', '{"session": {}, "lines": [', 'unexpected end of file'],
    ['an empty file', '', 'line 1, column 1: unexpected end of file'],
    [
      'two documents',
      '{"lines": []} {"lines": []}',
      'line 1, column 15: unexpected text after the end',
    ],
    ['a bare word', '{"lines": [undefined]}', 'line 1, column 12: unexpected "u"'],
  ])('%s', (_what, text, reason) => {
    const message = refusal(text);
    expect(message).toMatch(/^order\.json: not valid JSON at line \d+, column \d+: /);
    expect(message).toContain(reason);
  });

  it('the syntax check agrees with JSON.parse on any text', () => {
    const almostJson = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '"', '}', ']', ':', '\n', 'x', '\\'))
      .map(([text, at, insert]) => {
        const position = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, position) + insert + text.slice(position);
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), almostJson, fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const error = findJsonSyntaxError(text);
        expect(error === undefined, `${JSON.stringify(text)} → ${JSON.stringify(error)}`).toBe(
          valid,
        );
        if (error) expect(error.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('YAML that does not parse', () => {
  it('says where', () => {
    expect(refusal('session: {}\nlines:\n  - a: 1\n   b: 2\n', 'order.yaml')).toMatch(
      /^order\.yaml: not valid YAML at line 4, column 1: /,
    );
  });

  it('refuses duplicate keys', () => {
    expect(refusal('lines: []\nlines: []\n', 'order.yaml')).toMatch(/not valid YAML at line 2/);
  });

  it('refuses an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, previous] of ['ba', 'cb', 'dc', 'ed']) {
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    bomb.push('lines: []');
    expect(refusal(bomb.join('\n'), 'order.yaml')).toMatch(/not valid YAML: .*alias/i);
  });

  it('a file without a .json extension that does not start with { or [ is read as YAML', () => {
    expect(parseOrderText('lines: []\n', 'order.txt')).toEqual({ session: {}, lines: [] });
    expect(refusal('lines: [', 'order.txt')).toMatch(/not valid YAML/);
  });
});

describe('data that is not an order', () => {
  it.each([
    ['an array', '[1, 2]', '(top): expected object, got an array'],
    ['a string', '"order"', '(top): expected object, got a string'],
    ['null', 'null', '(top): expected object, got null'],
    ['no lines', '{"session": {}}', 'lines: missing'],
    ['lines not an array', '{"lines": {"a": 1}}', 'lines: expected array, got an object'],
    ['a line that is not an object', '{"lines": [{}, "x"]}', 'lines[1]: a line is a JSON object'],
    [
      'a session that is not an object',
      '{"session": 1, "lines": []}',
      'session: expected object, got a number',
    ],
    [
      'a session field of the wrong type',
      '{"session": {"external_id": 1}, "lines": []}',
      'session.external_id: expected string, got a number',
    ],
    [
      'an unknown session field',
      '{"session": {"colour": 1}, "lines": []}',
      'session: unknown field "colour"',
    ],
    ['an unknown top-level field', '{"lines": [], "sesion": {}}', '(top): unknown field "sesion"'],
  ])('%s', (_what, text, reason) => {
    expect(refusal(text)).toBe(
      `order.json: not an order file (expected { "session": {...}, "lines": [...] }): ${reason}`,
    );
  });
});

describe('data no order needs', () => {
  it('nesting deeper than 32 levels, with where', () => {
    let value: unknown = 'x';
    for (let level = 0; level < 40; level++) value = { a: value };
    const text = JSON.stringify({ lines: [{ note: value }] });
    expect(refusal(text)).toMatch(
      /^order\.json: nested deeper than 32 levels at lines\[0\]\.note\.a\.a/,
    );
  });

  it('32 levels are fine', () => {
    let value: unknown = 'x';
    for (let level = 0; level < 30; level++) value = [value];
    expect(() =>
      parseOrderText(JSON.stringify({ lines: [{ note: value }] }), 'o.json'),
    ).not.toThrow();
  });

  it('a very long path is cut short', () => {
    const depth = 1000;
    const message = refusal(`{"lines": [${'['.repeat(depth)}${']'.repeat(depth)}]}`);
    expect(message.length).toBeLessThan(200);
  });

  it.each([
    ['{"__proto__": {}, "lines": []}', '__proto__'],
    ['{"session": {"__proto__": {}}, "lines": []}', 'session.__proto__'],
    ['{"lines": [{"__proto__": {"enni": "x"}}]}', 'lines[0].__proto__'],
    [
      '{"lines": [{"related_contact_information": [{"__proto__": 1}]}]}',
      'lines[0].related_contact_information[0].__proto__',
    ],
  ])('a __proto__ key: %s', (text, where) => {
    expect(refusal(text)).toBe(`order.json: the key "__proto__" is not allowed (at ${where})`);
    expect(({} as Record<string, unknown>).enni).toBeUndefined();
  });

  it('"constructor" and "prototype" are ordinary (unknown) fields, for the rules to report', () => {
    const order = parseOrderText('{"lines": [{"constructor": 1, "prototype": 2}]}', 'o.json');
    expect(order.lines[0]).toEqual({ constructor: 1, prototype: 2 });
  });
});
