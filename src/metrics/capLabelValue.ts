import { createHash } from 'node:crypto';

/**
 * The longest label value exported, in UTF-8 bytes. Upstream strings (tag,
 * department and agent names) have no length limit of their own: one
 * 20,000-character tag made about 2 MB of exposition. 1 KiB keeps every real
 * name whole.
 */
export const MAX_LABEL_VALUE_BYTES = 1024;

/** UTF-8 bytes of one code point. */
const utf8Bytes = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/**
 * `value` when it fits in `max` UTF-8 bytes; otherwise its longest prefix (whole
 * code points) followed by `…[cut N bytes, h]`, N the bytes cut and h the first 8
 * hex digits of the SHA-256 of the whole value, so that two long values with
 * the same prefix stay two series. The result is at most `max` bytes.
 */
export function capLabelValue(value: string, max = MAX_LABEL_VALUE_BYTES): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4).
  if (value.length * 3 <= max) return value;
  const total = Buffer.byteLength(value);
  if (total <= max) return value;
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 8);
  // The marker's length with as many digits as `total` has is an upper bound.
  const room = max - Buffer.byteLength(`…[cut ${total} bytes, ${hash}]`);
  let kept = 0;
  let end = 0;
  for (const ch of value) {
    const n = utf8Bytes(ch.codePointAt(0)!);
    if (kept + n > room) break;
    kept += n;
    end += ch.length;
  }
  return `${value.slice(0, end)}…[cut ${total - kept} bytes, ${hash}]`;
}
