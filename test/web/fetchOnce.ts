import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';

/** A completed response, plus the server certificate's CN for TLS connections. */
export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  serverCn?: string;
}

/** Sends one request (https when `tls` is given) and collects the whole response. */
export function fetchOnce(
  port: number,
  opts: { tls?: RequestOptions; auth?: string; path?: string; agent?: Agent } = {},
): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const base = {
      host: '127.0.0.1',
      port,
      path: opts.path ?? '/metrics',
      headers: opts.auth ? { authorization: `Basic ${Buffer.from(opts.auth).toString('base64')}` } : {},
      agent: opts.agent ?? false,
    };
    const req = opts.tls ? httpsRequest({ ...base, ...opts.tls }) : httpRequest(base);
    req.on('response', (res) => {
      // Read now: the socket may be gone by 'end'.
      const socket = res.socket as TLSSocket;
      const cn = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate().subject?.CN : undefined;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const out: TestResponse = { status: res.statusCode ?? 0, headers: res.headers, body };
        if (typeof cn === 'string') out.serverCn = cn;
        resolve(out);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
