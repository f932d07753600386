const MASK_64 = (1n << 64n) - 1n;
const FNV_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const JUMP_MULTIPLIER = 2862933555777941757n;
const encoder = new TextEncoder();

/** FNV-1a, 64 bits, over the UTF-8 bytes of `s` (the FNV spec's test vectors hold, see test/exporter/shardOf.test.ts). */
export function fnv1a64(s: string): bigint {
  let h = FNV_OFFSET_BASIS;
  for (const byte of encoder.encode(s)) h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return h;
}

/**
 * Jump consistent hash (Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash
 * Algorithm", 2014) of a 64-bit key into `buckets` buckets. Going from n to n+1 buckets
 * moves only the keys that land in the new bucket (about 1/(n+1) of them). The float
 * steps are exact IEEE-754 double operations in the paper's order, so every platform
 * (and the reference C++ and Go code) computes the same bucket.
 */
export function jumpHash(key: bigint, buckets: number): number {
  let k = key & MASK_64;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * JUMP_MULTIPLIER + 1n) & MASK_64;
    j = Math.floor((b + 1) * (2 ** 31 / Number((k >> 33n) + 1n)));
  }
  return b;
}

/**
 * The shard (0 to total-1) that owns the target called `name`: jump consistent hash of
 * FNV-1a-64 of the name's UTF-8 bytes, as kube-state-metrics shards objects by uid.
 * Depends on nothing but the name and the count, so it is stable across versions,
 * platforms and config order; docs/kubernetes.md documents it and the tests pin it.
 */
export function shardOf(name: string, total: number): number {
  return total <= 1 ? 0 : jumpHash(fnv1a64(name), total);
}
