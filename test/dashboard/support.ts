/** Helpers for the dashboard's HTTP tests: raw requests (any Host header) and an SSE reader. */
import { request } from 'node:http';
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
