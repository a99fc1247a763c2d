/**
 * Helpers for the dashboard's tests: raw requests (any Host header), an SSE reader, and
 * Debian's Chromium for the browser tests.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { DashboardView } from '../../src/sandbox/dashboard/view.js';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with exactly the given headers (fetch would not let a test set `Host`). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The dashboard's event stream, read one `view` event at a time. */
export async function openViewStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.body) throw new Error('no event stream');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  async function next(): Promise<DashboardView> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        if (/^event: view$/m.test(frame)) return JSON.parse(data) as DashboardView;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += value;
    }
  }
  /** Reads views until one satisfies `test`. */
  async function until(test: (view: DashboardView) => boolean): Promise<DashboardView> {
    for (;;) {
      const view = await next();
      if (test(view)) return view;
    }
  }
  return {
    response,
    next,
    until,
    close: () => controller.abort(),
  };
}

/** Debian's Chromium, driven by playwright-core, with the flags the project's guide sets. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests run: with Chromium installed, and always under `CI=true` (where a
 * missing Chromium must fail them, not skip them). Says so when they are skipped.
 */
export function browserTestsRun(file: string): boolean {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return true;
  console.warn(
    `${file}: browser tests SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium; CI installs it)`,
  );
  return false;
}

/** A fresh Chromium (playwright gives it a new, empty profile directory of its own). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing, and CI=true runs the browser tests: install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page of its own context, `width` × `height`, failing fast on what never appears. */
export async function openPage(
  browser: Browser,
  url: string,
  width = 1280,
  height = 900,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  return page;
}

/** `docs/dashboard.png` is rewritten only on request: `COVAGE_WRITE_SCREENSHOTS=1 npm test`. */
export const WRITE_SCREENSHOTS = process.env.COVAGE_WRITE_SCREENSHOTS === '1';
