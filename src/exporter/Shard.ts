/** Which share of the config's targets a process polls and serves (`--shard`, `--total-shards`). */
export interface Shard {
  /** 0 to total-1. */
  readonly index: number;
  readonly total: number;
}

/** A process that owns every target: `--shard=0 --total-shards=1`, the default. */
export const UNSHARDED: Shard = { index: 0, total: 1 };

/** A shard and what it owns of the running config; the status page and the self-metrics show it. */
export interface ShardStatus extends Shard {
  /** Targets of the running config this process owns (polls and serves). */
  readonly owned: number;
  /** Targets in the running config, whichever shard owns them. */
  readonly configured: number;
}
