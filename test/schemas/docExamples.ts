import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The order-taking doc, copied as published into the fixtures folder. */
export const DOC_PATH = fileURLToPath(
  new URL('../fixtures/reference/covage-order-taking.txt', import.meta.url),
);
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/doc/', import.meta.url));

/** What the doc writes where it leaves a value out; read here as this string. */
export const ELLIPSIS = '[...]';

export interface DocExample {
  /** 1-based line of the doc where the example starts. */
  line: number;
  /** The example's text as published. */
  text: string;
}

function bracketDepthChange(line: string): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
  }
  return depth;
}

/**
 * Every JSON example of the doc: the block that follows an `Example`, `Exemple` or `Response`
 * heading and starts with `{` or with a property (`"related_contact_information": [`).
 */
export function extractDocExamples(doc: string): DocExample[] {
  const lines = doc.split('\n');
  const examples: DocExample[] = [];
  for (let index = 1; index < lines.length; index++) {
    const heading = lines[index - 1]?.trim();
    const first = lines[index] ?? '';
    if (!heading || !/^(Example|Exemple|Response)$/.test(heading)) continue;
    if (!/^[{"]/.test(first)) continue;
    const block: string[] = [];
    let depth = 0;
    let at = index;
    do {
      const line = lines[at++] ?? '';
      block.push(line);
      depth += bracketDepthChange(line);
    } while (depth > 0 && at < lines.length);
    examples.push({ line: index + 1, text: block.join('\n') });
  }
  return examples;
}

/**
 * An example as a JSON value: a property fragment is wrapped in `{}` (as its fixture is), and
 * the doc's `[...]` is read as the string {@link ELLIPSIS}.
 */
export function exampleAsJson(example: DocExample): unknown {
  const wrapped = example.text.startsWith('{') ? example.text : `{\n${example.text}\n}`;
  return JSON.parse(wrapped.replaceAll(ELLIPSIS, JSON.stringify(ELLIPSIS)));
}

export function readDoc(): string {
  return readFileSync(DOC_PATH, 'utf8');
}

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${name}`, 'utf8'));
}

/**
 * Puts {@link ELLIPSIS} back wherever the doc has it, so that a fixture with realistic values in
 * those places can be compared with the doc's example. Returns the paths that were replaced.
 */
export function restoreEllipses(
  fixture: unknown,
  example: unknown,
  path = '',
): { value: unknown; replaced: string[] } {
  if (example === ELLIPSIS) return { value: ELLIPSIS, replaced: [path] };
  if (Array.isArray(example) && Array.isArray(fixture)) {
    const replaced: string[] = [];
    const value = fixture.map((item, index) => {
      const inner = restoreEllipses(item, example[index], `${path}[${index}]`);
      replaced.push(...inner.replaced);
      return inner.value;
    });
    return { value, replaced };
  }
  if (isRecord(example) && isRecord(fixture)) {
    const replaced: string[] = [];
    const value: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(fixture)) {
      const inner = restoreEllipses(item, example[key], path ? `${path}.${key}` : key);
      replaced.push(...inner.replaced);
      value[key] = inner.value;
    }
    return { value, replaced };
  }
  return { value: fixture, replaced: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
