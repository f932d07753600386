import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLogEntry } from './request-log';

/** Parses a query string; repeated keys become arrays (a null-prototype object, so "__proto__" is safe). */
export function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of search) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}

/** Reads the request body as text (capped at 1 MiB). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1 << 20) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Sends a response and fills in the log entry. JSON bodies are objects; strings are sent verbatim. */
export function send(
  res: ServerResponse,
  entry: RequestLogEntry,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) return;
  const isText = typeof body === 'string';
  const payload = isText ? body : JSON.stringify(body);
  const all: Record<string, string> = { 'content-type': 'application/json', ...headers };
  all['content-length'] = String(Buffer.byteLength(payload));
  entry.status = status;
  entry.responseHeaders = all;
  entry.responseBody = body;
  res.writeHead(status, all);
  res.end(payload);
}

/** The client IP as Rocket.Chat sees it (socket address, IPv4-mapped prefix stripped). */
export function clientIp(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** Parses a JSON body leniently: undefined for empty, the raw text when it is not JSON. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
