import { strict as assert } from 'node:assert';
import { createManualClock } from '../../src/clock';
import { createLogger } from '../../src/log/createLogger';
import { renderStatusPage } from '../../src/server/status/renderStatusPage';
import { renderTargetPage } from '../../src/server/status/renderTargetPage';
import { demoLiveChatAccount } from '../../simulator/livechat/liveChatCredentials';
import { valueOf } from '../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../helpers/startExporter';
import { startLiveChat, type LiveChatHarness } from '../helpers/startLiveChat';
import { BOT_USER, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const BASIC = Buffer.from(`${demoLiveChatAccount.accountId}:${demoLiveChatAccount.pat}`).toString('base64');

/** Every form of the credentials the exporter sends, as an upstream could echo it back. */
const FORMS: Readonly<Record<string, string>> = {
  'Rocket.Chat user id (X-User-Id)': BOT_USER.userId,
  'Rocket.Chat token (X-Auth-Token)': BOT_USER.token,
  'LiveChat Authorization header': `Basic ${BASIC}`,
  'LiveChat base64(account_id:token)': BASIC,
  'LiveChat account_id:token': `${demoLiveChatAccount.accountId}:${demoLiveChatAccount.pat}`,
  'LiveChat account id': demoLiveChatAccount.accountId,
  'LiveChat token': demoLiveChatAccount.pat,
};

/**
 * Upstreams that echo the exporter's credentials back as data (department ids
 * and names, totalizer titles, tag names) and in error bodies: no form of any
 * secret reaches a label value, a page or a log line.
 */
describe('secrets echoed by an upstream as data', () => {
  let rc: RocketChatHarness;
  let lc: LiveChatHarness;
  let h: ExporterHarness;
  let log: string;

  beforeEach(async () => {
    const clock = createManualClock(T0);
    rc = await startRocketChat({ clock });
    lc = await startLiveChat({ clock, cacheTtlMs: 0 });
    log = '';
    const logger = createLogger({
      level: 'debug',
      format: 'logfmt',
      write: (line) => (log += line),
      redact: () => h.exporter.secrets(),
    });
    h = startExporter(clock, { logger });
  });
  afterEach(async () => {
    await h.close();
    await rc.sim.close();
    await lc.sim.close();
  });

  it('masks every form in labels, pages, state and logs, and counts it', async () => {
    rc.sim.faults.add({ mode: 'echo_secret', path: '/api/v1/livechat/department' });
    rc.sim.faults.add({ mode: 'echo_secret', path: 'conversation-totalizers' });
    rc.sim.faults.add({ mode: 'echo_secret', path: 'charts/chats' });
    lc.sim.faults.add({ mode: 'echo_secret', path: 'chats/tags' });
    const rcT = rcTarget('rc', rc.url, BOT_USER, {
      budget: 'unlimited',
      windows: ['1h'],
      departments: { discover: true },
    });
    const lcT = {
      target: {
        name: 'lc',
        kind: 'livechat',
        url: lc.url,
        api_version: '3.6',
        windows: ['1h'],
        budget: 'unlimited',
        auth: { type: 'pat', account_id: { env: 'LC_ACCOUNT' }, token: { env: 'LC_PAT' } },
      },
      env: { LC_ACCOUNT: demoLiveChatAccount.accountId, LC_PAT: demoLiveChatAccount.pat },
    };
    await h.exporter.apply(configOf([rcT, lcT]));
    await h.exporter.firstCycles();

    const metrics = h.text();
    assert.match(
      metrics,
      /livechat_exporter_rocketchat_totalizer\{[^}]*title="<redacted>"/,
      'the echoed title is there, masked',
    );
    assert.match(metrics, /department_name="<redacted>"/);
    assert.match(metrics, /livechat_exporter_livechat_tag_chats\{[^}]*tag="token <redacted>"/);
    const states = h.exporter.states();
    const views = states.map((state) => ({ state, budget: state.budget, config: undefined }));
    const outputs: Record<string, string> = {
      '/metrics': metrics,
      'status page': renderStatusPage({ now: T0, version: '1', targets: views }),
      'debug pages': views.map((target) => renderTargetPage({ now: T0, version: '1', target })).join('\n'),
      state: JSON.stringify(states),
      log,
    };
    for (const [where, text] of Object.entries(outputs))
      for (const [form, secret] of Object.entries(FORMS)) assert.ok(!text.includes(secret), `${form} in the ${where}`);
    assert.ok(log.length > 0);
    for (const target of ['rc', 'lc'])
      assert.ok(
        (valueOf(h.scrape().series, 'livechat_exporter_secrets_masked_total', { target }) ?? 0) > 0,
        `masking counted for ${target}`,
      );
  });
});
