/**
 * The soak's secret scan: every token, password and credential a run used or was given is
 * registered under a label, then every text the run produced (its own output, child processes'
 * stdout and stderr, logs) and every file of its state directories is searched for them, as
 * written and base64-encoded. A finding names the label and the place, never the secret.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Leak {
  /** What leaked, e.g. `the user token` (never the value). */
  secret: string;
  /** Where: `stdout of submit #3`, a file path… */
  where: string;
}

/** Shorter values could match by chance; test secrets are long random strings. */
const MIN_SECRET_LENGTH = 8;

export class SecretScanner {
  readonly #secrets = new Map<string, string>();
  readonly #texts: { where: string; text: string }[] = [];

  /** Registers a secret under a label; short or empty values are ignored. */
  add(label: string, value: string | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH || this.#secrets.has(value)) return;
    this.#secrets.set(value, label);
  }

  get size(): number {
    return this.#secrets.size;
  }

  /** Keeps a text the run produced, to be scanned at the end. */
  collect(where: string, text: string): void {
    if (text) this.#texts.push({ where, text });
  }

  /** The secrets found in one text. */
  scanText(where: string, text: string): Leak[] {
    const leaks: Leak[] = [];
    for (const [value, label] of this.#secrets) {
      const encoded = Buffer.from(value).toString('base64');
      if (text.includes(value) || text.includes(encoded)) leaks.push({ secret: label, where });
    }
    return leaks;
  }

  /** Every file under `dir` (temporary files included), read as text. */
  async scanDirectory(dir: string): Promise<Leak[]> {
    let entries: { name: string; isDirectory(): boolean; isFile(): boolean }[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const leaks: Leak[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) leaks.push(...(await this.scanDirectory(path)));
      else if (entry.isFile())
        leaks.push(...this.scanText(path, await readFile(path, 'latin1').catch(() => '')));
    }
    return leaks;
  }

  /** Scans every collected text and the given directories. */
  async scanAll(dirs: readonly string[]): Promise<{ leaks: Leak[]; texts: number; dirs: number }> {
    const leaks: Leak[] = [];
    for (const { where, text } of this.#texts) leaks.push(...this.scanText(where, text));
    for (const dir of dirs) leaks.push(...(await this.scanDirectory(dir)));
    return { leaks, texts: this.#texts.length, dirs: dirs.length };
  }
}
