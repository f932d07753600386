import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../src/clock';
import type { Config } from '../../src/config/types';
import { createProcessMetrics } from '../../src/exporter/createProcessMetrics';
import { createReloader } from '../../src/exporter/createReloader';
import { shardOf } from '../../src/exporter/shardOf';
import { createNullLogger } from '../../src/log/createLogger';
import {
  createRocketChatSimulator,
  type RocketChatSimulator,
} from '../../simulator/rocketchat/createRocketChatSimulator';
import { configOf, rcTarget, startExporter } from '../helpers/startExporter';

/** Twelve targets on one simulator, each with a user of its own, so the simulator's log tells whose request it got. */
const NAMES = Array.from({ length: 12 }, (_, i) => `tenant-${i}`);
const userOf = (name: string) => ({ userId: `user-${name}`, token: `token-${name}-0123456789` });
const LIGHT = {
  windows: ['1h'],
  budget: 'unlimited',
  endpoints: {
    'chats-totalizers': false,
    'productivity-totalizers': false,
    'agents-productivity-totalizers': false,
    'charts-chats': false,
    'charts-agents-status': false,
    'charts-timings': false,
    'charts-chats-per-department': false,
  },
};

/** What one process of `total` polled and served over `config`. */
interface ShardRun {
  readonly polled: Set<string>;
  readonly served: Set<string>;
  readonly running: Set<string>;
  readonly ready: boolean;
  readonly owned: number;
  readonly configured: number;
}

describe('sharding: --shard/--total-shards over one config', function () {
  this.timeout(60_000);
  let sim: RocketChatSimulator;
  let config: Config;

  before(async () => {
    sim = createRocketChatSimulator({ rateLimit: false, cacheTtlMs: 0, users: NAMES.map(userOf) });
    const url = await sim.listen(0, '127.0.0.1');
    config = configOf(NAMES.map((n) => rcTarget(n, url, userOf(n), LIGHT)));
  });
  after(() => sim.close());

  /** Runs shard `index` of `total` over the config to the end of its first cycles, one process at a time. */
  async function runShard(index: number, total: number): Promise<ShardRun> {
    sim.requests.clear();
    const h = startExporter(systemClock, { shard: { index, total } });
    try {
      await h.exporter.apply(config);
      await h.exporter.firstCycles();
      const users = sim.requests.all().map((e) => String(e.headers['x-user-id']));
      const { owned, configured } = h.exporter.shard();
      return {
        polled: new Set(users.map((u) => u.replace(/^user-/, ''))),
        served: new Set(h.scrape().series.map((s) => s.labels.target ?? '')),
        running: new Set(h.exporter.states().map((s) => s.name)),
        ready: h.exporter.ready(),
        owned,
        configured,
      };
    } finally {
      await h.close();
    }
  }

  /** Runs every shard of `total`; asserts each polled and served its own targets, disjoint, together all of them. */
  async function runAll(total: number): Promise<Map<string, number>> {
    const owner = new Map<string, number>();
    for (let index = 0; index < total; index++) {
      const r = await runShard(index, total);
      const mine = NAMES.filter((n) => shardOf(n, total) === index).sort();
      assert.deepEqual([...r.polled].sort(), mine, `shard ${index} of ${total} polled`);
      assert.deepEqual([...r.served].sort(), mine, `shard ${index} of ${total} served`);
      assert.deepEqual([...r.running].sort(), mine, `shard ${index} of ${total} runs`);
      assert.ok(r.ready, `shard ${index} of ${total} is ready once its own targets are`);
      assert.deepEqual([r.owned, r.configured], [mine.length, NAMES.length]);
      for (const n of r.polled) {
        assert.ok(!owner.has(n), `${n} polled by shards ${owner.get(n)} and ${index} of ${total}`);
        owner.set(n, index);
      }
    }
    assert.deepEqual([...owner.keys()].sort(), [...NAMES].sort(), `${total} shards together poll every target`);
    return owner;
  }

  it('n processes poll and serve disjoint sets of targets whose union is every target', async () => {
    const owners = await runAll(3);
    assert.ok(new Set(owners.values()).size === 3, 'every shard owns some of the 12 targets');
  });

  it('resharding (3 to 4 shards) gives each target exactly one new owner, and moves targets only to the new shard', async () => {
    const before = await runAll(3);
    const after = await runAll(4);
    for (const n of NAMES)
      if (after.get(n) !== before.get(n)) assert.equal(after.get(n), 3, `${n} moved from ${before.get(n)}`);
  });

  it("a reload re-filters: the new config's targets of this shard start, the others never do", async () => {
    const url = new URL(config.targets[0]!.url).origin;
    const h = startExporter(systemClock, { shard: { index: 1, total: 2 } });
    let next = config;
    const reloader = createReloader({
      load: () => Promise.resolve(next),
      exporter: h.exporter,
      metrics: createProcessMetrics({ version: 'test', defaultMetrics: false }),
      logger: createNullLogger(),
      clock: systemClock,
    });
    try {
      await h.exporter.apply(config);
      const names = ['tenant-0', 'tenant-3', 'new-a', 'new-b', 'new-c', 'new-d'];
      next = configOf(names.map((n) => rcTarget(n, url, userOf(n), LIGHT)));
      assert.deepEqual(await reloader.reload(), { status: 'reloaded' });
      const mine = names.filter((n) => shardOf(n, 2) === 1).sort();
      assert.ok(mine.length > 0 && mine.length < names.length, mine.join());
      assert.deepEqual(
        h.exporter
          .states()
          .map((s) => s.name)
          .sort(),
        mine,
      );
      assert.deepEqual(h.exporter.shard(), { index: 1, total: 2, owned: mine.length, configured: names.length });
    } finally {
      await h.close();
    }
  });

  it('shows the shard and its number of targets in the self-metrics, read from the exporter when scraped', async () => {
    let owned = 4;
    const metrics = createProcessMetrics({
      version: 'test',
      defaultMetrics: false,
      shard: () => ({ index: 2, total: 3, owned, configured: 12 }),
    });
    const text = () => metrics.registry.metrics();
    assert.match(await text(), /^livechat_exporter_shard_ordinal 2$/m);
    assert.match(await text(), /^livechat_exporter_total_shards 3$/m);
    assert.match(await text(), /^livechat_exporter_shard_targets 4$/m);
    owned = 5;
    assert.match(await text(), /^livechat_exporter_shard_targets 5$/m);
  });

  it("/-/ready covers only the shard's own targets: a hung upstream of another shard's target does not hold it back", async () => {
    // Shard 1 of 2 owns lc-main, shard 0 owns rc-main (pinned in shardOf.test.ts as well).
    assert.deepEqual([shardOf('lc-main', 2), shardOf('rc-main', 2)], [1, 0]);
    const hung: IncomingMessage[] = [];
    const hang: Server = createServer((req) => void hung.push(req));
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    const simUrl = new URL(config.targets[0]!.url).origin;
    const both = configOf([
      rcTarget('lc-main', hangUrl, userOf('lc-main'), {
        ...LIGHT,
        timeout: '30s',
        live_schedule: '* * * * *',
        retries: 0,
      }),
      rcTarget('rc-main', simUrl, userOf('rc-main'), LIGHT),
    ]);
    const owner = startExporter(systemClock, { shard: { index: 1, total: 2 } });
    const other = startExporter(systemClock, { shard: { index: 0, total: 2 } });
    try {
      await owner.exporter.apply(both);
      await other.exporter.apply(both);
      await other.exporter.firstCycles();
      assert.equal(other.exporter.ready(), true);
      // The owner's first request is hanging: its first cycle cannot have finished.
      for (let i = 0; i < 200 && hung.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      assert.ok(hung.length > 0, 'the hung upstream got its request');
      assert.equal(owner.exporter.ready(), false);
    } finally {
      await owner.close();
      await other.close();
      hang.closeAllConnections();
      await new Promise((resolve) => hang.close(resolve));
    }
  });
});
