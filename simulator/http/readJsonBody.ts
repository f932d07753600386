import type { IncomingMessage } from 'node:http';

/**
 * Reads the request body (capped at 1 MiB) and parses it leniently: undefined when empty, the raw text when
 * it is not JSON, so a handler can still answer a malformed body with the upstream's own validation error.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Collects the body as text; past 1 MiB the request is destroyed so a runaway client cannot fill memory. */
function readBody(req: IncomingMessage): Promise<string> {
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
