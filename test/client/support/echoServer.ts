import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/**
 * A small real HTTP server for what the sandbox, being correct, never does: answer a body that
 * breaks the contract, or echo the caller's credentials back. The `X-Echo` request header picks
 * the answer. Every answer repeats the request's Authorization and X-Api-Key headers.
 */
export function useEchoServer() {
  let url = '';
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const credentials = `${request.headers.authorization ?? ''} ${request.headers['x-api-key'] ?? ''}`;
    const mode = String(request.headers['x-echo'] ?? 'bad-session');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    request.resume();
    request.on('end', () => {
      switch (mode) {
        case 'bad-session':
          return json(200, {
            id: 42,
            state: 'nonsense',
            creation_date: null,
            echo: credentials,
            authorization: credentials,
          });
        case 'bad-line':
          return json(201, {
            id: 'l-1',
            product_offering_id: '2173',
            product_offering_qualification_item_id: 'q',
            state: 'created',
            related_contact_information: [{ insee_code: 76451, note: credentials }],
          });
        case 'not-json':
          response.writeHead(200, { 'Content-Type': 'text/html' });
          return response.end(`<html>proxy login for ${credentials}</html>`);
        case 'error-400':
          return json(400, { detail: `credentials ${credentials} are not allowed here` });
        case 'error-401':
          return json(401, {
            error: { code: 'invalid_token', message: `token ${credentials} is unknown` },
          });
        case 'error-403':
          return json(403, { access_token: credentials, message: 'forbidden' });
        case 'error-500':
          return json(500, {
            message: `crash while handling ${credentials}`,
            password: credentials,
          });
        case 'error-429':
          return json(429, { detail: `slow down, ${credentials}` }, { 'Retry-After': '120' });
        case 'reset':
          return request.socket.destroy();
        default:
          return json(404, { detail: 'unknown echo mode' });
      }
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    get url() {
      return url;
    },
  };
}
