import { describe, expect, it } from 'vitest';
import { colorsWanted } from '../../src/cli/style.js';

describe('the CLI paints only a terminal', () => {
  const terminal = { isTTY: true };
  const pipe = { isTTY: false };

  it('a pipe gets no colours, even on CI', () => {
    expect(colorsWanted({ CI: 'true' }, pipe)).toBe(false);
    expect(colorsWanted({}, {})).toBe(false);
  });

  it('a terminal gets colours, unless NO_COLOR is set or the terminal is dumb', () => {
    expect(colorsWanted({}, terminal)).toBe(true);
    expect(colorsWanted({ NO_COLOR: '1' }, terminal)).toBe(false);
    expect(colorsWanted({ TERM: 'dumb' }, terminal)).toBe(false);
  });

  it('FORCE_COLOR paints a pipe; FORCE_COLOR=0 keeps a terminal plain', () => {
    expect(colorsWanted({ FORCE_COLOR: '1' }, pipe)).toBe(true);
    expect(colorsWanted({ FORCE_COLOR: '0' }, terminal)).toBe(false);
    expect(colorsWanted({ NO_COLOR: '1', FORCE_COLOR: '1' }, pipe)).toBe(false);
  });
});
