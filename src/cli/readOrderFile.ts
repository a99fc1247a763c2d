import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath } from '../rules/path.js';
import { type OrderFile, orderFileSchema } from '../schemas/orderFile.js';
import { CliError } from './exitCodes.js';
import { findJsonSyntaxError } from './jsonSyntax.js';

/**
 * Order files larger than this are refused (before they are read when their size says so, else
 * as soon as more was read): room for a campaign of 20,000 complete lines, pretty-printed, while
 * the parsed file stays within a few hundred MB of memory.
 */
export const MAX_ORDER_FILE_BYTES = 32 * 1024 * 1024;
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
    const syntax = findJsonSyntaxError(text);
    if (!syntax) throw new CliError(`${file}: not valid JSON`);
    throw new CliError(
      `${file}: not valid JSON at ${lineColumn(text, syntax.offset)}: ${syntax.reason}`,
    );
  }
}

function parseYaml(text: string, file: string): unknown {
  try {
    const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    const first = document.errors[0];
    if (first) {
      // The parser reports its own stack overflow as a document error.
      if (/call stack/i.test(first.message))
        throw new CliError(`${file}: nested too deeply to read`);
      const where = first.pos ? ` at ${lineColumn(text, first.pos[0])}` : '';
      const reason = first.message.split('\n')[0] || first.code;
      throw new CliError(`${file}: not valid YAML${where}: ${reason}`);
    }
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof RangeError) throw new CliError(`${file}: nested too deeply to read`);
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${file}: not valid YAML: ${message.split('\n')[0]}`);
  }
}

/** A key that could reach an object's prototype if a consumer copied the data carelessly. */
const FORBIDDEN_KEY = '__proto__';

/** The first place where the data is nested too deeply or uses a forbidden key. */
function structureProblem(value: unknown, depth: number, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels at ${shorten(path)}`;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = structureProblem(value[index], depth + 1, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key === FORBIDDEN_KEY) return `the key "${FORBIDDEN_KEY}" is not allowed (at ${at})`;
    const found = structureProblem(item, depth + 1, at);
    if (found) return found;
  }
  return undefined;
}

function shorten(path: string): string {
  return path.length > 80 ? `${path.slice(0, 77)}...` : path;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** One order-file shape problem, in words: where, then what. */
function describeShapeIssue(issue: z.core.$ZodIssue | undefined, data: unknown): string {
  if (!issue) return 'unexpected shape';
  const where = formatPath(issue.path) || '(top)';
  if (issue.code === 'unrecognized_keys') return `${where}: unknown field "${issue.keys[0] ?? ''}"`;
  if (issue.code === 'invalid_type') {
    const value = valueAt(data, issue.path);
    if (value === undefined && issue.path.length > 0) return `${where}: missing`;
    return `${where}: expected ${issue.expected}, got ${describeValue(value)}`;
  }
  return `${where}: ${issue.message}`;
}

/** Parses the text of an order file, JSON or YAML, into an order. Throws `CliError` (exit 2). */
export function parseOrderText(text: string, file: string): OrderFile {
  const yaml =
    /\.ya?ml$/i.test(extname(file)) || (!/\.json$/i.test(file) && !/^\s*[{[]/.test(text));
  const data = yaml ? parseYaml(text, file) : parseJson(text, file);
  const problem = structureProblem(data, 0, '');
  if (problem) throw new CliError(`${file}: ${problem}`);
  const parsed = orderFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new CliError(
      `${file}: not an order file (expected { "session": {...}, "lines": [...] }): ${describeShapeIssue(parsed.error.issues[0], data)}`,
    );
  }
  return parsed.data;
}

function cannotRead(file: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new CliError(`${file}: cannot read the file (${code ?? 'unknown error'})`);
}

function tooLarge(file: string, what: string): CliError {
  return new CliError(
    `${file}: ${what} is over the ${MAX_ORDER_FILE_BYTES}-byte limit for an order file`,
  );
}

/** Bytes asked of the file per read (a multiple of 8: some files, `/proc/self/pagemap`, need it). */
const CHUNK_BYTES = 64 * 1024;

/**
 * Reads the open file chunk by chunk and stops as soon as more than `MAX_ORDER_FILE_BYTES` came,
 * whatever its size says: the limit holds on what is read, so a file swapped or grown after
 * `fstat`, or a file whose size is not its length (`/proc/self/pagemap`), cannot make the read
 * unbounded (at most one chunk past the limit is read).
 */
async function readBounded(handle: FileHandle, file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > MAX_ORDER_FILE_BYTES) throw tooLarge(file, 'its content');
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads and parses an order file. Throws `CliError` (exit 2) with the reason and location. The
 * file is opened once (without blocking on a FIFO), checked to be a regular file on that open
 * descriptor, and read through it with a bounded read.
 */
export async function readOrderFile(file: string): Promise<OrderFile> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw cannotRead(file, error);
  }
  let bytes: Buffer;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new CliError(`${file}: not a file`);
    if (info.size > MAX_ORDER_FILE_BYTES) throw tooLarge(file, `${info.size} bytes`);
    bytes = await readBounded(handle, file);
  } catch (error) {
    throw cannotRead(file, error);
  } finally {
    await handle.close().catch(() => {});
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseOrderText(text, file);
}
