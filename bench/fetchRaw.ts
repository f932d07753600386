import { request } from 'node:http';

/** One answer as sent: the body's bytes undecoded (still gzipped where it was). */
export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  /** '' when none. */
  readonly contentEncoding: string;
  readonly body: Buffer;
}

/** GETs `url` with `headers` over node:http, which (unlike fetch) leaves the body as the server sent it. */
export function fetchRaw(url: string, headers: Readonly<Record<string, string>>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          contentEncoding: String(res.headers['content-encoding'] ?? ''),
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
