import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** An HTTP handler (createApp's) listening on 127.0.0.1, port 0. */
export interface ServedApp {
  readonly url: string;
  /** GET without any automatic decompression, so tests see the bytes on the wire. */
  get(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Record<string, string | undefined>; body: Buffer }>;
  close(): Promise<void>;
}

/** Serves `app` for a test. */
export async function serveApp(app: (req: IncomingMessage, res: ServerResponse) => void): Promise<ServedApp> {
  const server = await new Promise<Server>((resolve) => {
    const s = createServer(app).listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async get(path, headers = {}) {
      const res = await request(url + path, { headers });
      const body = Buffer.from(await res.body.arrayBuffer());
      const flat: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(res.headers)) flat[k] = Array.isArray(v) ? v.join(', ') : v;
      return { status: res.statusCode, headers: flat, body };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
