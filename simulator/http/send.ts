import type { ServerResponse } from 'node:http';
import type { RequestLogEntry } from './createRequestLog';

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
