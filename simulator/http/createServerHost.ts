import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Lifecycle of one HTTP server plus the waits and hung requests it owns, so close() leaks nothing. */
export interface ServerHost {
  /** Starts listening; resolves with the base URL (e.g. "http://127.0.0.1:40123"). */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, drops hung requests and open sockets, cancels pending waits. */
  close(): Promise<void>;
  /** Resolves true after `ms`, or false early if the server closes meanwhile. */
  wait(ms: number): Promise<boolean>;
  /** The base URL once listening. */
  url(): string | undefined;
}

/** Handles one request; errors become a plain 500. */
export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

/** Creates a ServerHost around `handler`. */
export function createServerHost(handler: RequestHandler): ServerHost {
  const sockets = new Set<Socket>();
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: (done: boolean) => void }>();
  let baseUrl: string | undefined;
  let closed = false;
  const server = http.createServer((req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`simulator error: ${err instanceof Error ? err.message : String(err)}`);
        }
      });
  });
  // Node's default of 5 s would close every idle connection between two cycles of a schedule longer than that;
  // upstreams behind nginx keep them 75 s (its keepalive_timeout default), so the simulator does too.
  server.keepAliveTimeout = 75_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address() as AddressInfo;
          const h = addr.address.includes(':') ? `[${addr.address}]` : addr.address;
          baseUrl = `http://${h}:${addr.port}`;
          resolve(baseUrl);
        });
      });
    },
    close() {
      closed = true;
      for (const w of waits) {
        clearTimeout(w.timer);
        w.resolve(false);
      }
      waits.clear();
      return new Promise((resolve) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close(() => resolve());
        // Hung ("timeout" fault) and keep-alive connections would otherwise keep close() pending forever.
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
    },
    wait(ms) {
      if (closed) return Promise.resolve(false);
      if (ms <= 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const w = {
          timer: setTimeout(() => {
            waits.delete(w);
            resolve(true);
          }, ms),
          resolve,
        };
        waits.add(w);
      });
    },
    url: () => baseUrl,
  };
}
