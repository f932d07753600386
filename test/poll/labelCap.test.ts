import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createManualClock } from '../../src/clock';
import { select, valueOf } from '../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../helpers/startExporter';
import { BOT_USER, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const CAP = 1024;

/** Label values from upstream longer than 1 KiB are cut with a visible marker, stay distinct, and are counted. */
describe('label value cap', () => {
  let rc: RocketChatHarness;
  let h: ExporterHarness;

  beforeEach(async () => {
    const clock = createManualClock(T0);
    rc = await startRocketChat({ clock });
    h = startExporter(clock);
  });
  afterEach(async () => {
    await h.close();
    await rc.sim.close();
  });

  it('cuts a 20,000-character department name, keeps two long names that share a prefix apart, and stays promtool-clean', async () => {
    const long = 'Ω'.repeat(20_000);
    rc.sim.addDepartment({ id: 'long-1', name: long });
    rc.sim.addDepartment({ id: 'long-2', name: `${long}!` });
    await h.exporter.apply(
      configOf([
        rcTarget('rc', rc.url, BOT_USER, { budget: 'unlimited', windows: ['1h'], departments: { discover: true } }),
      ]),
    );
    await h.exporter.firstCycles();
    const text = h.text();
    const { series } = h.scrape();
    const names = (id: string) =>
      new Set(
        select(series, 'livechat_exporter_rocketchat_conversations', { department: id }).map(
          (s) => s.labels.department_name!,
        ),
      );
    const [a] = [...names('long-1')];
    const [b] = [...names('long-2')];
    assert.ok(a !== undefined && b !== undefined);
    for (const v of [a, b]) {
      assert.ok(Buffer.byteLength(v) <= CAP, `${Buffer.byteLength(v)} bytes`);
      assert.match(v, /^Ω+…\[cut \d+ bytes, [0-9a-f]{8}\]$/, 'a visible marker');
    }
    assert.notEqual(a, b, 'two values that share the kept prefix stay distinct');
    assert.ok(
      Math.max(...text.split('\n').map((l) => Buffer.byteLength(l))) < 2 * CAP,
      'no line is near the 40 KB of the name',
    );
    assert.ok((valueOf(series, 'livechat_exporter_label_values_truncated_total', { target: 'rc' }) ?? 0) > 0);
    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    if (!promtool.error) assert.equal(`${promtool.status} ${promtool.stdout}${promtool.stderr}`, '0 ');
  });
});
