import { strict as assert } from 'node:assert';
import { benchOptions } from '../../bench/benchOptions';
import { formatReport } from '../../bench/formatReport';
import { runAll } from '../../bench/runAll';
import { hasWrk } from '../../bench/runWrk';
import { findPushgateway } from '../../bench/startPushgateway';

/** CI installs wrk and prometheus-pushgateway (.ci/run), so there a missing one is a failure, not a skip. */
const ci = process.env.CI !== undefined && process.env.CI !== '';

describe('benchmark suite, smoke size (proves the bench code works; asserts no timings)', function () {
  this.timeout(240_000);

  it('runs every scenario at tiny sizes and reports each', async () => {
    const o = benchOptions(['--smoke'], ci);
    const tools = hasWrk() && findPushgateway() !== undefined;
    if (!tools && ci) assert.fail('wrk and prometheus-pushgateway must be installed in CI');
    const report = await runAll(o, 'node dist/bench/runAll.js --smoke', () => undefined);

    const s = report.scrape!;
    assert.equal(s.targets, 5);
    assert.ok(
      s.series > 900,
      `5 targets hold at least 955 series, about 1,100 with the day's traffic (got ${s.series})`,
    );
    assert.ok(s.startupMs > 0);
    assert.ok(s.memory.ready.rss > 0 || process.platform !== 'linux');
    assert.equal(s.shapes.text!.exporter.contentEncoding, '');
    assert.equal(s.shapes['text+gzip']!.exporter.contentEncoding, 'gzip');
    assert.match(s.shapes.openmetrics!.exporter.contentType, /^application\/openmetrics-text/);
    if (tools) {
      assert.ok(s.pushgatewayVersion);
      assert.equal(s.runs.length, 8, '4 variants × exporter and Pushgateway');
      for (const r of s.runs) {
        assert.ok(r.result.requests > 0, `${r.server} ${r.variant} answered`);
        assert.equal(r.result.errors, 0, `${r.server} ${r.variant} without errors`);
      }
      assert.ok(
        s.polling && s.polling.result.requests > 0 && s.polling.result.errors === 0 && s.polling.paced.errors === 0,
      );
    } else {
      assert.ok(report.skipped.length > 0, 'what was skipped is said');
    }

    const r = report.render!;
    assert.ok(r.series > 900);
    assert.ok(r.formats.text.gzipBytes > 0 && r.formats.text.gzipBytes < r.formats.text.bytes);

    const p = report.poll!;
    assert.equal(
      p.requests,
      2 * 154,
      '2 targets × (6 departments × 4 windows × 6 endpoints + 6 agents-status + 4 chats-per-department)',
    );
    assert.equal(p.floorMs, Math.ceil(p.requests / p.concurrency) * p.latencyMs);
    assert.equal(p.cycles.length, 1);
    assert.ok(p.cycles[0]!.wallMs > 0 && p.cycles[0]!.exporterCpuUs > 0);

    const m = report.memory!;
    assert.deepEqual(
      m.samples.map((x) => x.cycle),
      [0, 5, 10],
    );

    const md = formatReport(report);
    for (const heading of ['### Scrape', '### Render after a change', '### Poll cycle', '### Memory'])
      assert.ok(md.includes(heading), heading);
  });

  it('rejects an unknown flag or scenario', () => {
    assert.throws(() => benchOptions(['--nope'], false), /unknown argument/);
    assert.throws(() => benchOptions(['--only=scrape,bogus'], false), /unknown scenario/);
    assert.deepEqual(benchOptions(['--only=poll'], false).only, ['poll']);
  });
});
