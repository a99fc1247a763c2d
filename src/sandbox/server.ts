import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';

type FetchCallback = Parameters<typeof createAdaptorServer>[0]['fetch'];

export interface ListeningServer {
  url: string;
  close(): Promise<void>;
}

function urlOf(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** Serves `fetch` on host:port with Node's HTTP server; `close()` also ends open connections. */
export async function listen(
  fetch: FetchCallback,
  port: number,
  host: string,
): Promise<ListeningServer> {
  // overrideGlobalObjects: false — keep the process's own Request/Response (tests run a client
  // in the same process).
  const server = createAdaptorServer({ fetch, overrideGlobalObjects: false });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: urlOf(host, address.port),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      return closing;
    },
  };
}
