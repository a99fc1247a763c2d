import { noteSentCredential } from './leaks.js';

export interface WireRecord {
  method: string;
  url: string;
  headers: Headers;
  body?: string;
}

/**
 * The real `fetch`, passed through, with two test aids: every request is recorded (and its
 * credentials noted for the leak check), and `failNext(kind)` adds the sandbox's
 * `X-Sandbox-Fault` header to the next matching request(s) only — so a test can fail the first
 * attempt and watch the retry succeed.
 */
export function wire() {
  const requests: WireRecord[] = [];
  const pending: { match: (r: WireRecord) => boolean; fault: string; times: number }[] = [];

  const fetchThrough: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    const body =
      request.method === 'GET' || request.method === 'HEAD'
        ? undefined
        : await request.clone().text();
    const record: WireRecord = {
      method: request.method,
      url: request.url,
      headers,
      ...(body === undefined ? {} : { body }),
    };
    requests.push(record);
    noteSentCredential(headers.get('authorization'));
    noteSentCredential(headers.get('x-api-key'));
    if (body)
      for (const [key, value] of new URLSearchParams(body))
        if (/token|secret|password/.test(key)) noteSentCredential(value);
    const rule = pending.find((item) => item.times > 0 && item.match(record));
    if (rule) {
      rule.times -= 1;
      const withFault = new Headers(headers);
      withFault.set('X-Sandbox-Fault', rule.fault);
      return fetch(new Request(request, { headers: withFault }));
    }
    return fetch(request);
  };

  return {
    fetch: fetchThrough,
    requests,
    /** Forces `fault` on the next `times` requests whose method (and path, when given) match. */
    failNext(fault: string, match: { method?: string; path?: RegExp } = {}, times = 1) {
      pending.push({
        fault,
        times,
        match: (r) =>
          (match.method === undefined || r.method === match.method) &&
          (match.path === undefined || match.path.test(new URL(r.url).pathname)),
      });
    },
    /** Requests sent to API routes (not the token endpoint). */
    apiRequests(method?: string) {
      return requests.filter(
        (r) =>
          new URL(r.url).pathname.startsWith('/api/') &&
          (method === undefined || r.method === method),
      );
    },
    tokenRequests() {
      return requests
        .filter((r) => new URL(r.url).pathname.endsWith('/openid-connect/token'))
        .map((r) => new URLSearchParams(r.body ?? '').get('grant_type'));
    },
  };
}
