import { gzipSync, type ZlibOptions } from 'node:zlib';
import type { MetricDef } from '../metrics/MetricDef';
import { familyHeader, type ExpositionFormat } from '../metrics/renderExposition';
import { gzipParts } from './gzipParts';

/**
 * One target's rendered state after a cycle: sample lines per family, each line
 * ending in a newline. Built once per cycle, so a scrape only concatenates.
 */
export interface TargetSnapshot {
  readonly families: ReadonlyMap<MetricDef, string>;
}

/** A rendered exposition, cached until the next snapshot change. */
export interface Exposition {
  /** The body in order: family headers and every target's stored bytes, shared, never copied. */
  readonly parts: readonly Buffer[];
  /** Total length of `parts` in bytes. */
  readonly length: number;
  /** The parts joined into one buffer (made on first use, then kept with this exposition). */
  readonly body: Buffer;
  /** The body as one gzip member, compressed once. */
  gzip(): Buffer;
  /**
   * Like gzip(), but compressed on libuv's thread pool so the event loop keeps serving, from the parts
   * without joining them; concurrent callers share one compression.
   */
  gzipAsync(): Promise<Buffer>;
}

/** Where pollers publish: each target's snapshot replaces its previous one whole. */
export interface SnapshotSink {
  set(target: string, snapshot: TargetSnapshot): void;
  delete(target: string): void;
}

/** Holds every target's latest snapshot; replacing one is a single atomic Map write. */
export interface SnapshotStore extends SnapshotSink {
  /** Like set, with the lines already encoded (a snapshot that came from the polling thread). */
  setBytes(target: string, families: ReadonlyMap<MetricDef, Buffer>): void;
  targets(): string[];
  /** Grows with every change; equal numbers mean the same data. */
  generation(): number;
  /** The data part of /metrics (no process metrics, no `# EOF`). */
  render(format: ExpositionFormat): Exposition;
}

/**
 * zlib level 3: on this exposition (long, repetitive label sets) it compresses
 * about 4.5 times faster than the default 6 for about 20% more bytes, and the
 * compression is paid on the first scrape after every snapshot change.
 */
const GZIP_OPTIONS: ZlibOptions = { level: 3, chunkSize: 1 << 20 };

const NEWLINE = Buffer.from('\n');

/** Wraps the ordered chunks of a body: the joined copy and the gzip form are made on demand and kept. */
function createExposition(chunks: Buffer[]): Exposition {
  const length = chunks.reduce((n, c) => n + c.length, 0);
  let body: Buffer | undefined;
  // The sync form (one-shot uses) wants one input buffer; a temporary one is dropped unless `body` was asked for.
  const joined = () => body ?? Buffer.concat(chunks, length);
  let gz: Buffer | undefined;
  let pending: Promise<Buffer> | undefined;
  return {
    parts: chunks,
    length,
    get body() {
      return (body ??= Buffer.concat(chunks, length));
    },
    gzip: () => (gz ??= gzipSync(joined(), GZIP_OPTIONS)),
    gzipAsync: () =>
      gz !== undefined
        ? Promise.resolve(gz)
        : (pending ??= gzipParts(chunks, length, GZIP_OPTIONS).then(
            (out) => ((pending = undefined), (gz ??= out)),
            (err: unknown) => {
              pending = undefined;
              throw err;
            },
          )),
  };
}

/** Every target's bytes grouped by family, targets in name order so output is stable whatever order cycles finished in. */
function byFamily(snapshots: ReadonlyMap<string, ReadonlyMap<MetricDef, Buffer>>): Map<MetricDef, Buffer[]> {
  const out = new Map<MetricDef, Buffer[]>();
  for (const name of [...snapshots.keys()].sort()) {
    for (const [def, bytes] of snapshots.get(name)!) {
      let parts = out.get(def);
      if (!parts) out.set(def, (parts = []));
      parts.push(bytes);
    }
  }
  return out;
}

/**
 * Creates a store; `order` fixes the family order of the output (others follow by name).
 *
 * Each target's family lines are kept as UTF-8 bytes (off the JS heap, flat, one
 * buffer per family). A render only orders references to those buffers, no
 * copy and no string building; it happens lazily, on the first scrape of a
 * format after a change, however many targets changed in between. The bytes
 * equal what joining the strings would give: HELP/TYPE, the lines, and in text
 * format a blank line between families. Copies are made only on demand and
 * kept with the render: the gzip form, and the joined body once an
 * uncompressed scrape asks for it.
 */
export function createSnapshotStore(order: readonly MetricDef[]): SnapshotStore {
  const snapshots = new Map<string, ReadonlyMap<MetricDef, Buffer>>();
  const rank = new Map(order.map((d, i) => [d.name, i]));
  const headers = new Map<ExpositionFormat, Map<MetricDef, Buffer>>([
    ['text', new Map()],
    ['openmetrics', new Map()],
  ]);
  let generation = 0;
  const cache = new Map<ExpositionFormat, { generation: number; exposition: Exposition }>();

  const headerOf = (def: MetricDef, format: ExpositionFormat): Buffer => {
    const byDef = headers.get(format)!;
    let h = byDef.get(def);
    if (!h) byDef.set(def, (h = Buffer.from(`${familyHeader(def, format)}\n`, 'utf8')));
    return h;
  };

  function renderNow(format: ExpositionFormat): Exposition {
    const families = byFamily(snapshots);
    const defs = [...families.keys()].sort(
      (a, b) => (rank.get(a.name) ?? Infinity) - (rank.get(b.name) ?? Infinity) || (a.name < b.name ? -1 : 1),
    );
    // Text separates families by a blank line; OpenMetrics has none.
    const gap = format === 'text' ? NEWLINE : undefined;
    const chunks: Buffer[] = [];
    for (const def of defs) {
      if (gap && chunks.length > 0) chunks.push(gap);
      chunks.push(headerOf(def, format));
      let lines = 0;
      for (const part of families.get(def)!) {
        if (part.length > 0) chunks.push(part);
        lines += part.length;
      }
      // A family without lines still ends its block with a newline, as joining strings did.
      if (lines === 0) chunks.push(NEWLINE);
    }
    return createExposition(chunks);
  }

  const setBytes = (target: string, bytes: ReadonlyMap<MetricDef, Buffer>) => {
    snapshots.set(target, bytes);
    generation++;
    // A stale render would keep every target's previous bytes alive until the next scrape.
    cache.clear();
  };
  return {
    set(target, snapshot) {
      const bytes = new Map<MetricDef, Buffer>();
      for (const [def, lines] of snapshot.families) bytes.set(def, Buffer.from(lines, 'utf8'));
      setBytes(target, bytes);
    },
    setBytes,
    delete(target) {
      if (snapshots.delete(target)) {
        generation++;
        cache.clear();
      }
    },
    targets: () => [...snapshots.keys()],
    generation: () => generation,
    render(format) {
      const hit = cache.get(format);
      if (hit && hit.generation === generation) return hit.exposition;
      const exposition = renderNow(format);
      cache.set(format, { generation, exposition });
      return exposition;
    },
  };
}
