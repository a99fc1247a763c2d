import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { issuesFromZod } from '../rules/zodIssues.js';
import { type OrderFile, orderFileSchema } from '../schemas/orderFile.js';
import { CliError } from './exitCodes.js';

/** Order files larger than this are refused before they are read. */
export const MAX_ORDER_FILE_BYTES = 5 * 1024 * 1024;
/** Values nested deeper than this are refused: no order has a reason to be so deep. */
export const MAX_DEPTH = 32;

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(`${file}: nested too deeply to read`);
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at ${lineColumn(text, Number(position[1]))}` : '';
    const reason = message
      .replace(/\s*in JSON at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    throw new CliError(`${file}: not valid JSON${where}: ${reason}`);
  }
}

function parseYaml(text: string, file: string): unknown {
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    throw new CliError(
      `${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const first = document.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const reason = first.message.split('\n')[0] ?? first.code;
    throw new CliError(`${file}: not valid YAML${where}: ${reason}`);
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(`${file}: nested too deeply to read`);
    throw new CliError(
      `${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function tooDeep(value: unknown, depth: number, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return path || '(top)';
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = tooDeep(value[index], depth + 1, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = tooDeep(item, depth + 1, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** Parses the text of an order file, JSON or YAML, into an order. Throws `CliError` (exit 2). */
export function parseOrderText(text: string, file: string): OrderFile {
  const yaml =
    /\.ya?ml$/i.test(extname(file)) || (!/\.json$/i.test(file) && !/^\s*[{[]/.test(text));
  const data = yaml ? parseYaml(text, file) : parseJson(text, file);
  const deep = tooDeep(data, 0, '');
  if (deep) throw new CliError(`${file}: nested deeper than ${MAX_DEPTH} levels at ${deep}`);
  const parsed = orderFileSchema.safeParse(data);
  if (!parsed.success) {
    const first = issuesFromZod(parsed.error, data)[0];
    const what = first ? `${first.path || '(top)'}: ${first.message}` : 'unexpected shape';
    throw new CliError(
      `${file}: not an order file (expected { "session": {...}, "lines": [...] }): ${what}`,
    );
  }
  return parsed.data;
}

/** Reads and parses an order file. Throws `CliError` (exit 2) with the reason and location. */
export async function readOrderFile(file: string): Promise<OrderFile> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError(`${file}: not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read the file (${code ?? 'unknown error'})`);
  }
  if (size > MAX_ORDER_FILE_BYTES)
    throw new CliError(
      `${file}: ${size} bytes is over the ${MAX_ORDER_FILE_BYTES}-byte limit for an order file`,
    );
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read the file (${code ?? 'unknown error'})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseOrderText(text, file);
}
