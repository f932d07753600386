import { gzipSync } from 'node:zlib';
import type { MetricDef } from '../metrics/MetricDef';
import { familyHeader, joinFamilies, type ExpositionFormat } from '../metrics/renderExposition';

/**
 * One target's rendered state after a cycle: sample lines per family, each line
 * ending in a newline. Built once per cycle, so a scrape only concatenates.
 */
export interface TargetSnapshot {
  readonly families: ReadonlyMap<MetricDef, string>;
}

/** A rendered exposition, cached until the next snapshot change. */
export interface Exposition {
  readonly body: Buffer;
  gzip(): Buffer;
}

/** Holds every target's latest snapshot; replacing one is a single atomic Map write. */
export interface SnapshotStore {
  set(target: string, snapshot: TargetSnapshot): void;
  delete(target: string): void;
  targets(): string[];
  /** The data part of /metrics (no process metrics, no `# EOF`). */
  render(format: ExpositionFormat): Exposition;
}

/** Creates a store; `order` fixes the family order of the output (others follow by name). */
export function createSnapshotStore(order: readonly MetricDef[]): SnapshotStore {
  const snapshots = new Map<string, TargetSnapshot>();
  const rank = new Map(order.map((d, i) => [d.name, i]));
  let generation = 0;
  const cache = new Map<ExpositionFormat, { generation: number; exposition: Exposition }>();

  function renderNow(format: ExpositionFormat): Exposition {
    const byFamily = new Map<MetricDef, string[]>();
    // Targets in name order, so output is stable whatever order their cycles finished in.
    for (const name of [...snapshots.keys()].sort()) {
      for (const [def, lines] of snapshots.get(name)!.families) {
        let parts = byFamily.get(def);
        if (!parts) byFamily.set(def, (parts = []));
        parts.push(lines);
      }
    }
    const defs = [...byFamily.keys()].sort((a, b) => (rank.get(a.name) ?? Infinity) - (rank.get(b.name) ?? Infinity) || (a.name < b.name ? -1 : 1));
    const blocks = defs.map((def) => `${familyHeader(def, format)}\n${byFamily.get(def)!.join('').slice(0, -1)}`);
    const body = Buffer.from(joinFamilies(blocks, format), 'utf8');
    let gz: Buffer | undefined;
    return { body, gzip: () => (gz ??= gzipSync(body)) };
  }

  return {
    set(target, snapshot) {
      snapshots.set(target, snapshot);
      generation++;
    },
    delete(target) {
      if (snapshots.delete(target)) generation++;
    },
    targets: () => [...snapshots.keys()],
    render(format) {
      const hit = cache.get(format);
      if (hit && hit.generation === generation) return hit.exposition;
      const exposition = renderNow(format);
      cache.set(format, { generation, exposition });
      return exposition;
    },
  };
}
