import { strict as assert } from 'node:assert';
import { benchGoals } from '../../bench/benchGoals';
import { benchOptions } from '../../bench/benchOptions';
import { formatReport } from '../../bench/formatReport';
import { runAll } from '../../bench/runAll';
import { hasWrk } from '../../bench/runWrk';
import type { BenchReport } from '../../bench/benchReport';
import { findNginx } from '../../bench/startNginx';
import { findPushgateway } from '../../bench/startPushgateway';

/** CI installs wrk, nginx and prometheus-pushgateway (.ci/run), so there a missing one is a failure, not a skip. */
const ci = process.env.CI !== undefined && process.env.CI !== '';

/** The cached-scrape part: every variant from every server, the same bytes from nginx, every run answered. */
function checkScrape(report: BenchReport, tools: boolean): void {
  const s = report.scrape!;
  assert.equal(s.targets, 5);
  assert.equal(s.passes.length, 1);
  const p = s.passes[0]!;
  assert.ok(p.series > 900, `5 targets hold at least 955 series, about 1,100 with the day's traffic (got ${p.series})`);
  assert.ok(p.healthyMs > 0 && p.readyMs >= p.healthyMs);
  assert.ok(p.memory.ready.rss > 0 || process.platform !== 'linux');
  assert.equal(p.shapes.gzip!.exporter!.contentEncoding, 'gzip');
  assert.match(p.shapes.gzip!.exporter!.contentType, /^text\/plain; version=0\.0\.4/);
  assert.match(p.shapes.prometheus!.exporter!.contentType, /^application\/openmetrics-text; version=1\.0\.0/);
  if (!tools) return assert.ok(report.skipped.length > 0, 'what was skipped is said');
  for (const v of ['gzip', 'prometheus'])
    assert.deepEqual(p.shapes[v]!.nginx, p.shapes[v]!.exporter, `nginx sends the exporter's ${v} answer as it is`);
  assert.equal(p.runs.length, 6, '2 variants × 1 connection count × exporter, nginx and Pushgateway');
  for (const r of p.runs) {
    assert.ok(r.result.requests > 0, `${r.server} ${r.variant} answered`);
    assert.equal(r.result.errors, 0, `${r.server} ${r.variant} without errors`);
  }
}

describe('benchmark suite, smoke size (proves the bench code works; asserts no timings)', function () {
  this.timeout(240_000);

  it('runs every scenario at tiny sizes and reports every goal', async () => {
    const o = benchOptions(['--smoke'], ci);
    const tools = hasWrk() && findPushgateway() !== undefined && findNginx() !== undefined;
    if (!tools && ci) assert.fail('wrk, nginx and prometheus-pushgateway must be installed in CI');
    const report = await runAll(o, 'node dist/bench/runAll.js --smoke', () => undefined);
    checkScrape(report, tools);

    const b = report.burst!;
    assert.equal(b.bursts.length, 2);
    for (const x of b.bursts) {
      assert.equal(
        x.requests,
        5 * 34,
        '5 targets × (6 departments × 4 windows + 6 agents-status + 4 chats-per-department)',
      );
      assert.ok(x.scrapes.count > 0, 'the scrapers run through every burst');
      assert.equal(x.scrapes.errors, 0);
    }
    assert.ok(b.memory.betweenBursts.length >= 1);
    assert.ok(b.memory.peakRss > 0 || process.platform !== 'linux');

    const p = report.poll!;
    assert.equal(p.passes.length, 1);
    const c = p.passes[0]!;
    assert.equal(
      c.requests,
      2 * 154,
      '2 targets × (6 departments × 4 windows × 6 endpoints + 6 agents-status + 4 chats-per-department)',
    );
    assert.equal(c.startupRequests, c.requests, 'the first cycle asks what every cycle asks (departments are listed)');
    assert.equal(c.floorMs, Math.ceil(c.requests / p.concurrency) * p.latencyMs);
    assert.ok(c.wallMs > 0 && c.simulatorWallMs > 0);

    const st = report.startup!;
    assert.equal(st.passes.length, 1);
    assert.ok(st.passes[0]!.checkMs > 0 && st.passes[0]!.load.coldMs > 0);
    assert.ok(report.render!.series > 900);
    assert.deepEqual(
      report.scenarios.map((s) => s.scenario),
      ['scrape', 'burst', 'poll', 'startup', 'render'],
    );

    const goals = benchGoals(report);
    const unmeasured = goals.filter((g) => g.value === undefined).map((g) => g.goal);
    if (tools) assert.deepEqual(unmeasured, [], 'every goal has a figure');
    const md = formatReport(report);
    for (const heading of [
      '### Goals',
      '### Cached scrapes',
      '### Scrapes during full poll bursts',
      '### Poll cycle',
      '### Loading the config',
      '### Render after a change',
    ])
      assert.ok(md.includes(heading), heading);
  });

  it('rejects an unknown flag or scenario', () => {
    assert.throws(() => benchOptions(['--nope'], false), /unknown argument/);
    assert.throws(() => benchOptions(['--only=scrape,bogus'], false), /unknown scenario/);
    assert.throws(() => benchOptions(['--passes=0'], false), /positive integer/);
    assert.deepEqual(benchOptions(['--only=poll'], false).only, ['poll']);
  });
});
