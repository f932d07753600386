import type { MetricDef } from '../metrics/MetricDef';
import type { TargetSnapshot } from './createSnapshotStore';

/**
 * A target's snapshot as one block of UTF-8 bytes plus the byte range of each
 * family's lines: what the polling thread hands the serving thread. The block
 * is an ArrayBuffer of its own, so it is transferred, not copied.
 */
export interface EncodedSnapshot {
  readonly bytes: ArrayBuffer;
  readonly families: readonly (readonly [name: string, start: number, end: number])[];
}

/** Encodes a snapshot: one allocation for all its lines. */
export function encodeSnapshot(snapshot: TargetSnapshot): EncodedSnapshot {
  let total = 0;
  for (const lines of snapshot.families.values()) total += Buffer.byteLength(lines, 'utf8');
  // Not from Buffer's shared pool: the whole ArrayBuffer is transferred, and a pooled one holds other data.
  const block = Buffer.allocUnsafeSlow(total);
  const families: [string, number, number][] = [];
  let at = 0;
  for (const [def, lines] of snapshot.families) {
    const end = at + block.write(lines, at, 'utf8');
    families.push([def.name, at, end]);
    at = end;
  }
  return { bytes: block.buffer, families };
}

/**
 * Decodes a snapshot into per-family views of its block (no copy). A family the
 * catalogue does not know is an error: it would be served without HELP and TYPE.
 */
export function decodeSnapshot(e: EncodedSnapshot, defs: ReadonlyMap<string, MetricDef>): Map<MetricDef, Buffer> {
  const out = new Map<MetricDef, Buffer>();
  for (const [name, start, end] of e.families) {
    const def = defs.get(name);
    if (!def) throw new Error(`snapshot family ${name} is not in the metrics catalogue`);
    out.set(def, Buffer.from(e.bytes, start, end - start));
  }
  return out;
}
