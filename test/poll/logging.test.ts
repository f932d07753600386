import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import { createLogger } from '../../src/log/createLogger';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../helpers/startExporter';
import { BOT_USER, startRocketChat, T0, type ManualClock, type RocketChatHarness } from '../helpers/startRocketChat';

/** One logfmt line as its fields. */
function fields(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g))
    out[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
  return out;
}

/** What --log.level=debug shows, and how few warnings a bad start makes. */
describe('poller logs', () => {
  let clock: ManualClock;
  let rc: RocketChatHarness;
  let h: ExporterHarness;
  let lines: Record<string, string>[];

  async function start(level: 'debug' | 'info') {
    clock = createManualClock(T0);
    rc = await startRocketChat({ clock });
    lines = [];
    const logger = createLogger({
      level,
      format: 'logfmt',
      write: (line) => lines.push(fields(line)),
      redact: () => h.exporter.secrets(),
    });
    h = startExporter(clock, { logger });
  }
  afterEach(async () => {
    await h.close();
    await rc.sim.close();
  });

  const withMsg = (msg: string) => lines.filter((l) => l.msg === msg);

  it('debug: each request, each cycle, discovery changes and budget waits', async () => {
    await start('debug');
    await h.exporter.apply(
      configOf([
        rcTarget('rc', rc.url, BOT_USER, {
          windows: ['1h'],
          budget: { requests: 4, per: '1m' },
          departments: { discover: true },
          endpoints: {
            'conversation-totalizers': false,
            'chats-totalizers': false,
            'productivity-totalizers': false,
            'agents-productivity-totalizers': false,
            'charts-agents-status': false,
            'charts-timings': false,
            'charts-chats-per-department': false,
          },
        }),
      ]),
    );
    await h.exporter.firstCycles();
    const requests = withMsg('upstream request');
    assert.ok(requests.length >= 5, `${requests.length} request lines`);
    const chats = requests.find((l) => l.endpoint === 'charts-chats')!;
    assert.equal(chats.method, 'GET');
    assert.match(chats.path!, /^\/api\/v1\/livechat\/analytics\/dashboards\/charts\/chats\?start=/);
    assert.equal(chats.status, '200');
    assert.match(chats.duration_ms!, /^\d+$/);
    assert.match(chats.bytes!, /^\d+$/);
    assert.ok(!requests.some((l) => Object.values(l).some((v) => v.includes(BOT_USER.token))));
    const [discovered] = withMsg('departments discovered');
    assert.equal(discovered?.departments, '6');
    assert.equal(discovered?.added, '6');
    const [cycle] = withMsg('poll cycle finished');
    assert.ok(cycle, 'a cycle summary');
    assert.equal(cycle.cycle, 'analytics');
    assert.equal(cycle.refreshed, '4', 'the budget allows 4 charts-chats requests');
    assert.ok(Number(cycle.deferred) > 0);
    assert.equal(cycle.failed, '0');
    assert.match(cycle.duration_ms!, /^\d+$/);

    // Just before the budget frees up, a request waits for it rather than being carried over.
    clock.set(T0 + 59_500);
    await h.exporter.pollAll();
    const [wait] = withMsg('waiting for request budget');
    assert.ok(wait, 'a budget wait');
    assert.equal(wait.endpoint, 'charts-chats');
    assert.ok(Number(wait.wait_ms) > 0 && Number(wait.wait_ms) <= 2_000);
  });

  it('the first failures of many targets at startup are one warning, not one per request', async () => {
    await start('info');
    rc.sim.faults.add({ mode: 'http_500' });
    const targets = ['a', 'b', 'c'].map((name) =>
      rcTarget(name, rc.url, BOT_USER, { budget: 'unlimited', retries: 0, departments: { discover: true } }),
    );
    await h.exporter.apply(configOf(targets));
    await h.exporter.firstCycles();
    await new Promise((r) => setImmediate(r));
    const warnings = lines.filter((l) => l.level === 'warn' || l.level === 'error');
    assert.equal(warnings.length, 1, JSON.stringify(warnings, null, 1));
    assert.equal(warnings[0]!.msg, 'first poll cycles had failures');
    assert.equal(warnings[0]!.failing, '3');
    for (const name of ['a', 'b', 'c']) assert.match(warnings[0]!.detail!, new RegExp(`\\b${name}: `));

    // The next cycle failing the same way adds nothing for a while.
    clock.advance(60_000);
    await h.exporter.pollAll();
    assert.equal(lines.filter((l) => l.level === 'warn').length, 1);
  });
});
