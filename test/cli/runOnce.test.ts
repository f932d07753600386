import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRocketChatSimulator,
  type RocketChatSimulator,
} from '../../simulator/rocketchat/createRocketChatSimulator';
import { runCli } from '../helpers/runCli';

const USER = { userId: 'once-user', token: 'once-token-0123456789' };
const ENV = { RC_USER: USER.userId, RC_TOKEN: USER.token };

/** `--once` says which groups it could not refresh and why, and exits non-zero when any has no data. */
describe('--once: groups without data', () => {
  let dir: string;
  let sim: RocketChatSimulator;
  let url: string;

  before(() => (dir = mkdtempSync(join(tmpdir(), 'once-'))));
  beforeEach(async () => {
    // A fresh limiter each time, Rocket.Chat's default: 10 calls per endpoint and client per minute.
    sim = createRocketChatSimulator({ users: [USER] });
    url = await sim.listen(0);
  });
  afterEach(() => sim.close());
  after(() => rmSync(dir, { recursive: true, force: true }));

  const config = (name: string, extra: string) => {
    const file = join(dir, `${name}.yml`);
    writeFileSync(
      file,
      `targets:
  - name: ${name}
    kind: rocketchat
    url: ${url}
    timeout: 2s
    auth: {user_id: {env: RC_USER}, token: {env: RC_TOKEN}}
${extra}`,
    );
    return `--config.file=${file}`;
  };

  it('with the default budget: lists the deferred groups and exits 1', async () => {
    const r = await runCli(['--once', config('budget', '    departments: {discover: true}\n')], ENV);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^livechat_exporter_up\{target="budget"\} 1$/m, 'every request that was made succeeded');
    assert.match(
      r.stderr,
      /^target budget: no data for conversation-totalizers \{department="[^"]+", department_name="[^"]+", window="[^"]+"\}: deferred \(the endpoint's request budget was used up\)$/m,
    );
    const summary = r.stderr.split('\n').filter((l) => / groups have no data /.test(l));
    const m =
      /^target budget: (\d+) of 188 groups have no data \(deferred: \1, rate limited: 0, failed: 0, other: 0\)$/.exec(
        summary.join('\n'),
      );
    assert.ok(m, summary.join('\n'));
    // 6 dashboard endpoints × (28 groups − 10 calls of budget) at least; the live routes' share of the budget
    // depends on how many departments discovery had found when the live cycle planned.
    assert.ok(Number(m[1]) >= 108, summary.join('\n'));
  });

  it('a failed group is listed with its reason, a group held back after a 429 as rate limited', async () => {
    sim.faults.add({ mode: 'http_500', path: 'charts/chats' });
    sim.faults.add({ mode: 'rate_limited', path: 'charts/timings', retryAfterSeconds: 60 });
    const r = await runCli(
      [
        '--once',
        config('faults', '    budget: unlimited\n    retries: 0\n    concurrency: 1\n    windows: [15m, 1h]\n'),
      ],
      ENV,
    );
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^target faults: no data for charts-chats \{department="all", department_name="All departments", window="1h"\}: failed: http_5xx: HTTP 500/m,
    );
    assert.match(
      r.stderr,
      /^target faults: no data for charts-timings \{department="all", department_name="All departments", window="15m"\}: failed: rate_limited: HTTP 429/m,
    );
    assert.match(
      r.stderr,
      /^target faults: no data for charts-timings \{department="all", department_name="All departments", window="1h"\}: rate limited \(upstream asked to wait\)$/m,
    );
    assert.match(
      r.stderr,
      /^target faults: 4 of \d+ groups have no data \(deferred: 0, rate limited: 1, failed: 3, other: 0\)$/m,
    );
    assert.ok(!(r.stdout + r.stderr).includes(USER.token));
  });

  it('exits 0 and lists nothing when every group has data', async () => {
    const r = await runCli(['--once', config('fine', '    budget: unlimited\n    windows: [1h]\n')], ENV);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /no data/);
  });
});
