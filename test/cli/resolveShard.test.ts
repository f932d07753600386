import { strict as assert } from 'node:assert';
import { FlagError } from '../../src/cli/parseFlags';
import { resolveShard } from '../../src/cli/resolveShard';

const flags = (f: { shard?: number; totalShards?: number; pod?: string }) => ({
  shard: f.shard,
  totalShards: f.totalShards ?? 1,
  pod: f.pod,
});

function error(f: Parameters<typeof flags>[0]): string {
  try {
    resolveShard(flags(f));
  } catch (err) {
    assert.ok(err instanceof FlagError, String(err));
    return err.message;
  }
  assert.fail(`${JSON.stringify(f)} was accepted`);
}

describe('resolveShard', () => {
  it('is unsharded by default', () => {
    assert.deepEqual(resolveShard(flags({})), { index: 0, total: 1 });
    assert.deepEqual(resolveShard(flags({ shard: 0 })), { index: 0, total: 1 });
  });

  it('takes --shard and --total-shards', () => {
    assert.deepEqual(resolveShard(flags({ shard: 2, totalShards: 3 })), { index: 2, total: 3 });
    assert.equal(error({ shard: 3, totalShards: 3 }), '--shard=3 must be below --total-shards=3');
    assert.equal(error({ shard: 1 }), '--shard=1 must be below --total-shards=1');
  });

  it('refuses --total-shards without a shard, which would leave the other shards unpolled', () => {
    assert.equal(error({ totalShards: 3 }), '--total-shards=3 needs --shard or --pod to say which shard this is');
  });

  it("takes the shard from a StatefulSet pod's ordinal (automatic sharding)", () => {
    assert.deepEqual(resolveShard(flags({ pod: 'livechat-exporter-0', totalShards: 3 })), { index: 0, total: 3 });
    assert.deepEqual(resolveShard(flags({ pod: 'lc-exp-2-12', totalShards: 13 })), { index: 12, total: 13 });
    assert.deepEqual(resolveShard(flags({ pod: 'livechat-exporter-0' })), { index: 0, total: 1 });
  });

  it('refuses a pod name without an ordinal, an ordinal beyond the shards, and --pod with --shard', () => {
    assert.match(
      error({ pod: 'livechat-exporter-7d9f8-abcde', totalShards: 3 }),
      /does not end in a StatefulSet ordinal/,
    );
    assert.match(error({ pod: 'livechat-exporter-01', totalShards: 3 }), /does not end in a StatefulSet ordinal/);
    assert.match(error({ pod: 'livechat-exporter', totalShards: 3 }), /does not end in a StatefulSet ordinal/);
    assert.equal(
      error({ pod: 'livechat-exporter-3', totalShards: 3 }),
      '--pod=livechat-exporter-3 is ordinal 3, but --total-shards=3: the StatefulSet has more replicas than shards; set --total-shards to its replicas',
    );
    assert.equal(
      error({ pod: 'livechat-exporter-1', shard: 1, totalShards: 3 }),
      '--pod and --shard both set the shard: give one of them',
    );
  });
});
