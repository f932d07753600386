import { once } from 'node:events';
import { createGzip, type ZlibOptions } from 'node:zlib';

/** Input handed to zlib at a time: large enough for few thread-pool round trips, small enough to stay one reused block. */
const BATCH_BYTES = 1 << 20;

/**
 * Compresses `parts` (in order, `length` bytes in all) into one gzip member on
 * libuv's thread pool, without joining them first: the parts are copied into one
 * reused 1 MiB block, which is refilled once zlib has consumed it. Joining would
 * make a copy of the whole body (15 MiB at 500 targets) on every compression,
 * garbage the serving thread then carries until its next GC.
 */
export async function gzipParts(parts: readonly Buffer[], length: number, options: ZlibOptions): Promise<Buffer> {
  const z = createGzip(options);
  const out: Buffer[] = [];
  let outLength = 0;
  z.on('data', (c: Buffer) => {
    out.push(c);
    outLength += c.length;
  });
  const ended = once(z, 'end');
  const block = Buffer.allocUnsafeSlow(Math.max(1, Math.min(length, BATCH_BYTES)));
  let fill = 0;
  const flush = () =>
    new Promise<void>((resolve, reject) => z.write(block.subarray(0, fill), (err) => (err ? reject(err) : resolve())));
  try {
    for (const part of parts) {
      for (let at = 0; at < part.length;) {
        const n = part.copy(block, fill, at);
        fill += n;
        at += n;
        if (fill === block.length) {
          await flush();
          fill = 0;
        }
      }
    }
    if (fill > 0) await flush();
    z.end();
    await ended;
  } catch (err) {
    z.destroy();
    throw err;
  }
  return Buffer.concat(out, outLength);
}
