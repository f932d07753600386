import { strict as assert } from 'node:assert';
import { fnv1a64, jumpHash, shardOf } from '../../src/exporter/shardOf';

const names = Array.from({ length: 2000 }, (_, i) => `tenant-${i}.chat`);

describe('shardOf', () => {
  it('hashes with FNV-1a 64 (the FNV specification test vectors)', () => {
    assert.equal(fnv1a64(''), 0xcbf29ce484222325n);
    assert.equal(fnv1a64('a'), 0xaf63dc4c8601ec8cn);
    assert.equal(fnv1a64('foobar'), 0x85944171f73967e8n);
    // UTF-8 bytes, not UTF-16 code units: "é" is the two bytes c3 a9.
    assert.equal(fnv1a64('é'), fnv1a64Bytes([0xc3, 0xa9]));
  });

  it('maps keys to buckets as the reference jump consistent hash does', () => {
    // Lamping and Veach's reference C++ code, as tabulated in dgryski/go-jump's tests (buckets 1, 2, 3, …).
    const vectors: [bigint, number[]][] = [
      [0n, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
      [1n, [0, 0, 0, 0, 0, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 17, 17]],
      [0xdeadbeefn, [0, 1, 2, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 16, 16, 16]],
      [0x0ddc0ffeebadf00dn, [0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 15, 15, 15, 15]],
    ];
    for (const [key, buckets] of vectors)
      assert.deepEqual(
        buckets.map((_, i) => jumpHash(key, i + 1)),
        buckets,
        `key ${key.toString(16)}`,
      );
  });

  it("keeps the shard of a name the same across versions (pinned; changing these moves operators' targets)", () => {
    // Computed once, and cross-checked with an independent implementation (Python) of the same definition.
    const pinned: Record<string, number[]> = {
      'acme-chat': [1, 1, 1, 14],
      'acme-livechat': [1, 1, 1, 6],
      'lc-main': [1, 2, 4, 4],
      'support-eu': [0, 2, 4, 13],
      'tenant-1.chat': [0, 0, 0, 8],
      Ünïcode_target: [1, 1, 4, 4],
    };
    for (const [name, shards] of Object.entries(pinned))
      assert.deepEqual(
        [2, 3, 5, 16].map((total) => shardOf(name, total)),
        shards,
        name,
      );
  });

  it('gives every name exactly one shard for any count, spread about evenly', () => {
    for (const total of [1, 2, 3, 5, 8]) {
      const counts = new Array<number>(total).fill(0);
      for (const n of names) {
        const s = shardOf(n, total);
        assert.ok(Number.isInteger(s) && s >= 0 && s < total, `${n}: ${s} of ${total}`);
        counts[s]!++;
      }
      const expected = names.length / total;
      for (const c of counts)
        assert.ok(Math.abs(c - expected) < expected * 0.15, `${total} shards: ${counts.join(', ')}`);
    }
  });

  it('moves a target only to the new shard when one is added, and back when it is removed', () => {
    for (let total = 1; total < 10; total++) {
      let moved = 0;
      for (const n of names) {
        const before = shardOf(n, total);
        const after = shardOf(n, total + 1);
        if (after !== before) {
          assert.equal(after, total, `${n} moved from ${before} to ${after} going to ${total + 1} shards`);
          moved++;
        }
      }
      // About 1/(n+1) of the targets move: the new shard's share, no more.
      const share = names.length / (total + 1);
      assert.ok(Math.abs(moved - share) < share * 0.2, `${total} → ${total + 1}: ${moved} moved`);
    }
  });
});

function fnv1a64Bytes(bytes: number[]): bigint {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & ((1n << 64n) - 1n);
  return h;
}
