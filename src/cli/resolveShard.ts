import { UNSHARDED, type Shard } from '../exporter/Shard';
import { FlagError, type Flags } from './parseFlags';

/** A StatefulSet pod's name: `<statefulset>-<ordinal>`. */
const POD_ORDINAL = /-(0|[1-9]\d{0,5})$/;

/**
 * The shard the flags ask for: `--shard` and `--total-shards`, or (automatic sharding)
 * the ordinal at the end of `--pod`'s StatefulSet pod name with `--total-shards`.
 * Kubernetes names StatefulSet pods `<name>-0` … `<name>-(replicas-1)`, so with
 * `--total-shards` equal to the replicas every shard has exactly one pod.
 * Throws FlagError when they disagree.
 */
export function resolveShard(flags: Pick<Flags, 'shard' | 'totalShards' | 'pod'>): Shard {
  const total = flags.totalShards;
  let index = flags.shard;
  if (flags.pod !== undefined) {
    if (index !== undefined) throw new FlagError('--pod and --shard both set the shard: give one of them');
    const m = POD_ORDINAL.exec(flags.pod);
    if (!m)
      throw new FlagError(
        `--pod=${JSON.stringify(flags.pod)} does not end in a StatefulSet ordinal (<name>-<number>, e.g. livechat-exporter-2)`,
      );
    index = Number(m[1]);
    if (index >= total)
      throw new FlagError(
        `--pod=${flags.pod} is ordinal ${index}, but --total-shards=${total}: the StatefulSet has more replicas than shards; set --total-shards to its replicas`,
      );
  }
  if (index === undefined) {
    // Every process would default to shard 0 and the other shards' targets would go unpolled.
    if (total > 1) throw new FlagError(`--total-shards=${total} needs --shard or --pod to say which shard this is`);
    return UNSHARDED;
  }
  if (index >= total) throw new FlagError(`--shard=${index} must be below --total-shards=${total}`);
  return { index, total };
}
