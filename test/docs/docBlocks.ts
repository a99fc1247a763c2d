/**
 * The command examples of the docs: every shell block of README.md and docs/*.md whose first
 * command (after `export NAME=value` lines) runs `covage-orders` (or `npx covage-orders`), with
 * what its marker says about running it, and every flag the docs name next to a command.
 *
 * A marker is an HTML comment on the line before the block, invisible on GitHub:
 *
 *     <!-- docs-test: sandbox; exit 3; env NAME=value; replace your-key=orange-api-key -->
 *
 * - `sandbox`: the block talks to a sandbox run apart (`http://127.0.0.1:4010`, token
 *   `demo-token`, as the docs tell the reader to start it): the test starts one and puts its
 *   address in place of `127.0.0.1:4010`.
 * - `background`: the block is a server: it runs until it prints its URL, then gets SIGTERM and
 *   must exit 0. A `--port N` becomes `--port 0`. A block of `covage-orders sandbox` commands is
 *   one without a marker.
 * - `exit N`: the status the block ends with (default 0).
 * - `env NAME=value …`: test values for what the reader would set (secrets).
 * - `replace A=B …`: test values for placeholders in the block (`$SANDBOX` is the sandbox's URL).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DocBlock {
  /** `docs/cli.md:123`, where the block starts. */
  where: string;
  /** The block's text, as in the doc. */
  text: string;
  sandbox: boolean;
  /** A throwaway PostgreSQL for the block: `127.0.0.1:5432` in it is replaced by its address. */
  postgres: boolean;
  background: boolean;
  exit: number;
  env: Record<string, string>;
  replace: [string, string][];
}

const SHELL = new Set(['sh', 'shell', 'bash', 'console', 'zsh']);
const COMMAND = /^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:npx\s+)?covage-orders(?:\s|$)/;
const SERVER = /^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:npx\s+)?covage-orders\s+sandbox(?:\s|$)/;

/** The doc files that hold command examples: the README and every guide. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs.sort()];
}

/** The lines of a block that are commands: no comments, no blank lines. */
export function commandLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function parseMarker(comment: string | undefined): Omit<DocBlock, 'where' | 'text'> {
  const block = {
    sandbox: false,
    postgres: false,
    background: false,
    exit: 0,
    env: {} as Record<string, string>,
    replace: [] as [string, string][],
  };
  const body = comment?.match(/^<!--\s*docs-test:(.*)-->$/)?.[1];
  if (!body) return block;
  for (const part of body.split(';').map((item) => item.trim())) {
    const [word, ...rest] = part.split(/\s+/);
    const pairs = () =>
      rest.map((pair) => {
        const equals = pair.indexOf('=');
        return [pair.slice(0, equals), pair.slice(equals + 1)] as [string, string];
      });
    if (word === 'sandbox') block.sandbox = true;
    else if (word === 'postgres') block.postgres = true;
    else if (word === 'background') block.background = true;
    else if (word === 'exit') block.exit = Number(rest[0]);
    else if (word === 'env') Object.assign(block.env, Object.fromEntries(pairs()));
    else if (word === 'replace') block.replace.push(...pairs());
    else if (word) throw new Error(`unknown docs-test directive "${word}"`);
  }
  return block;
}

/** Every fenced block of `file` whose first command runs covage-orders. */
export function commandBlocks(root: string, file: string): DocBlock[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const fence = /^```(\w*)\s*$/.exec(lines[index] as string);
    if (!fence) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    if (end < 0) break;
    const text = lines.slice(index + 1, end).join('\n');
    // Its first command, after the `export NAME=value` lines that set it up.
    const first = commandLines(text).find((line) => !/^export\s+[A-Z_]+=/.test(line)) ?? '';
    const language = fence[1] ?? '';
    if ((SHELL.has(language) || language === '') && COMMAND.test(first)) {
      // The marker is the nearest line above the block that is not blank.
      let above = index - 1;
      while (above > 0 && (lines[above] ?? '').trim() === '') above--;
      const before = lines[above]?.trim();
      const marker = parseMarker(before);
      // A block of `covage-orders sandbox` commands runs servers, marker or not.
      const servers = commandLines(text).every((line) => SERVER.test(line));
      blocks.push({
        where: `${file}:${index + 1}`,
        text,
        ...marker,
        background: marker.background || servers,
      });
    }
    index = end;
  }
  return blocks;
}

/** The code of a Markdown file: its fenced blocks and its inline code spans, one per line. */
export function codeOf(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      fenced = !fenced;
      continue;
    }
    if (fenced)
      out.push(line.replace(/(^|\s)#\s.*$/, '')); // a shell comment is prose
    else for (const span of line.matchAll(/`([^`]+)`/g)) out.push(span[1] as string);
  }
  return out.join('\n');
}

/** The `covage-orders <command>` invocations in a text, with the flags each one names. */
export function invocations(text: string): { command: string; flags: string[] }[] {
  const out: { command: string; flags: string[] }[] = [];
  const pattern = /covage-orders[ \t]+([a-z]+)((?:[ \t]+(?!covage-orders)[^\s`|;&]+)*)/g;
  for (const match of text.matchAll(pattern)) {
    const flags = [...(match[2] ?? '').matchAll(/(?:^|[ \t])(--[a-z][a-z-]*)/g)].map(
      (flag) => flag[1] as string,
    );
    out.push({ command: match[1] as string, flags });
  }
  return out;
}

/** Flags named in a doc's tables and prose, by the command whose section they are in. */
export function sectionFlags(
  root: string,
  file: string,
  sectionCommand: (heading: string) => string | undefined,
): { command: string; flag: string; where: string }[] {
  const out: { command: string; flag: string; where: string }[] = [];
  let command: string | undefined;
  let inCode = false;
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.startsWith('```')) inCode = !inCode;
      if (inCode) return;
      if (/^#{1,4} /.test(line)) {
        command = sectionCommand(line);
        return;
      }
      if (!command) return;
      for (const match of line.matchAll(/`(--[a-z][a-z-]*)[^`]*`/g))
        out.push({ command, flag: match[1] as string, where: `${file}:${index + 1}` });
    });
  return out;
}
