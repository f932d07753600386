import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { createManualClock } from '../../../src/clock';
import type { TargetConfig } from '../../../src/config/types';
import { createNullLogger } from '../../../src/log/createLogger';
import { createSnapshotStore } from '../../../src/snapshot/createSnapshotStore';
import { catalogue } from '../../../src/sources/catalogue';
import { ENDPOINTS } from '../../../src/sources/rocketchat/endpoints';
import type { RocketChatOptions } from '../../../src/sources/rocketchat/readRocketChatOptions';
import { rocketChatKind } from '../../../src/sources/rocketchat/rocketChatKind';
import type { RocketChatUser } from '../../../simulator/rocketchat/RocketChatUser';
import { select, valueOf } from '../../helpers/parseExposition';
import { configOf, rcTarget, startExporter, type ExporterHarness } from '../../helpers/startExporter';
import { startRocketChat, T0, type RocketChatHarness } from '../../helpers/startRocketChat';
import { createTestPoller } from '../../helpers/createTestPoller';

/**
 * Bad credentials block the target (401); a missing permission blocks that endpoint only (403) and names the
 * permission, on every build and mode docs/upstream/rocketchat.md §8.3 lists: each has other 401 and 403 bodies
 * (the simulator serves them by `version` and `breakingChanges`). Live routes check their permission in the
 * handler, with bodies of their own.
 */
const ERAS = [
  { version: '3.18.0', breakingChanges: false, what: '≈3.x: 401 {status, message}; 403 "unauthorized" everywhere' },
  { version: '6.10.0', breakingChanges: false, what: 'Restivus-era 401; [error-unauthorized]; no queued filter' },
  {
    version: '7.5.0',
    breakingChanges: false,
    what: 'newest 401 (both forms); [error-unauthorized]; handler "unauthorized"',
  },
  {
    version: '8.2.0',
    breakingChanges: true,
    what: '9.0 mode: 401 without status/message; [error-forbidden]; "forbidden"',
  },
];

const bypass = (userId: string, permissions?: string[]): RocketChatUser => ({
  userId,
  token: `${userId}-token-0123456789`,
  bypassRateLimit: true,
  ...(permissions && { permissions }),
});
const GOOD = bypass('good');
/** Dashboards need view-livechat-manager (route level); this user has everything else. */
const NO_MANAGER = bypass('no-manager', [
  'view-livechat-departments',
  'view-livechat-rooms',
  'transfer-livechat-guest',
]);
/** A user made for the dashboards only: livechat/rooms and users/agent refuse it in their handlers. */
const DASHBOARDS_ONLY = bypass('dashboards-only', ['view-livechat-manager', 'view-livechat-departments']);
const NO_DEPARTMENTS = bypass('no-departments', ['view-livechat-manager', 'view-livechat-rooms']);
const DASHBOARD_NAMES = ENDPOINTS.filter((e) => !e.optIn).map((e) => e.name);

/** The error messages of a target's jobs of one endpoint. */
function jobErrors(h: ExporterHarness, target: string, endpoint: string): string[] {
  const state = h.exporter.states().find((s) => s.name === target)!;
  return state.jobs.filter((j) => j.endpoint === endpoint && j.error).map((j) => j.error!.message);
}

describe('Rocket.Chat: bad credentials block the target, a missing permission only its endpoint', () => {
  for (const era of ERAS) {
    describe(`${era.version}${era.breakingChanges ? ' in 9.0 mode' : ''} (${era.what})`, () => {
      let rc: RocketChatHarness;
      let h: ExporterHarness;
      const clock = createManualClock(T0);
      before(async () => {
        rc = await startRocketChat({
          clock,
          rateLimit: false,
          version: era.version,
          breakingChanges: era.breakingChanges,
          users: [GOOD, NO_MANAGER, DASHBOARDS_ONLY],
        });
        h = startExporter(clock);
        const opts = { budget: 'unlimited', windows: ['1h'], departments: { ids: ['CAJioQNAvLnYWTy8i'] } };
        await h.exporter.apply(
          configOf([
            rcTarget('bad', rc.url, { userId: GOOD.userId, token: 'revoked-token-0123' }, opts),
            rcTarget('nomanager', rc.url, NO_MANAGER, opts),
            rcTarget('dashonly', rc.url, DASHBOARDS_ONLY, opts),
          ]),
        );
        await h.exporter.firstCycles();
      });
      after(async () => {
        await h.close();
        await rc.sim.close();
      });

      it('401: the whole target is blocked and asked nothing more until a reload', async () => {
        const { series } = h.scrape();
        assert.equal(valueOf(series, 'livechat_exporter_auth_blocked', { target: 'bad', endpoint: '*' }), 1);
        assert.equal(select(series, 'livechat_exporter_auth_blocked', { target: 'bad' }).length, 1);
        assert.equal(valueOf(series, 'livechat_exporter_up', { target: 'bad' }), 0);
        assert.match(h.exporter.states().find((s) => s.name === 'bad')!.authBlocked ?? '', /HTTP 401/);
        const asked = () => rc.sim.requests.all().filter((e) => e.headers['x-auth-token'] === 'revoked-token-0123');
        const before = asked().length;
        assert.ok(before >= 1);
        await h.exporter.pollAll();
        assert.equal(asked().length, before);
      });

      it('403 on the dashboards (route level): each dashboard endpoint is blocked, named, and the live state goes on', () => {
        const { series } = h.scrape();
        assert.equal(
          valueOf(series, 'livechat_exporter_auth_blocked', { target: 'nomanager', endpoint: '*' }),
          undefined,
        );
        for (const endpoint of DASHBOARD_NAMES) {
          assert.equal(
            valueOf(series, 'livechat_exporter_auth_blocked', { target: 'nomanager', endpoint }),
            1,
            endpoint,
          );
          const errors = jobErrors(h, 'nomanager', endpoint);
          assert.ok(errors.length > 0, endpoint);
          for (const m of errors) assert.match(m, /HTTP 403.*needs view-livechat-manager/, m);
        }
        assert.ok(
          select(series, 'livechat_exporter_rocketchat_live_conversations', { target: 'nomanager' }).length > 0,
        );
        assert.ok(select(series, 'livechat_exporter_rocketchat_live_agents', { target: 'nomanager' }).length > 0);
      });

      it('403 from the live handlers: livechat/rooms names view-livechat-rooms, users/agent its permissions; the dashboards keep polling', async () => {
        const { series } = h.scrape();
        assert.equal(
          valueOf(series, 'livechat_exporter_auth_blocked', { target: 'dashonly', endpoint: '*' }),
          undefined,
        );
        for (const [endpoint, permission] of [
          ['livechat-rooms', /needs view-livechat-rooms for livechat\/rooms/],
          ['livechat-users-agent', /needs transfer-livechat-guest or edit-omnichannel-contact/],
        ] as const) {
          assert.equal(
            valueOf(series, 'livechat_exporter_auth_blocked', { target: 'dashonly', endpoint }),
            1,
            endpoint,
          );
          const state = h.exporter.states().find((s) => s.name === 'dashonly')!;
          const messages = [...jobErrors(h, 'dashonly', endpoint), state.lastError?.message ?? ''];
          assert.ok(
            messages.some((m) => permission.test(m)),
            `${endpoint}: ${JSON.stringify(messages)}`,
          );
        }
        assert.ok(select(series, 'livechat_exporter_rocketchat_conversations', { target: 'dashonly' }).length > 0);
        // livechat/config is public: whether a department can take chats is still known.
        assert.ok(
          select(series, 'livechat_exporter_rocketchat_live_department_online', { target: 'dashonly' }).length > 0,
        );
        const dashboards = () =>
          rc.sim.requests
            .all()
            .filter((e) => e.headers['x-user-id'] === DASHBOARDS_ONLY.userId && e.path.includes('/analytics/')).length;
        const rooms = () =>
          rc.sim.requests
            .all()
            .filter((e) => e.headers['x-user-id'] === DASHBOARDS_ONLY.userId && e.path === '/api/v1/livechat/rooms')
            .length;
        const [d0, r0] = [dashboards(), rooms()];
        clock.advance(60_000);
        await h.exporter.pollAll();
        assert.ok(dashboards() > d0, 'the dashboards are still polled');
        assert.equal(rooms(), r0, 'a refused live route is not asked again');
      });
    });
  }

  it('403 on department discovery blocks discovery only: it is not asked again, and it names the permission', async () => {
    const clock = createManualClock(T0);
    const rc = await startRocketChat({ clock, rateLimit: false, users: [NO_DEPARTMENTS] });
    const dispatcher = new Agent();
    const target = configOf([
      rcTarget('nodeps', rc.url, NO_DEPARTMENTS, {
        budget: 'unlimited',
        windows: ['1h'],
        departments: { discover: true },
      }),
    ]).targets[0] as TargetConfig<RocketChatOptions>;
    const store = createSnapshotStore(catalogue);
    const source = rocketChatKind.createSource(target, { clock, logger: createNullLogger() });
    const poller = createTestPoller({ target, source, dispatcher, clock, store });
    try {
      const discovery = source.tasks!.find((t) => t.name === 'department-discovery')!;
      await poller.runTask(discovery);
      await poller.runCycle();
      assert.match(poller.state().lastError?.message ?? '', /HTTP 403.*needs view-livechat-departments or view-l-room/);
      const asked = () => rc.sim.requests.filter('/api/v1/livechat/department').length;
      assert.equal(asked(), 1);
      await poller.runTask(discovery);
      assert.equal(asked(), 1, 'a refused discovery is not asked again until a reload');
      const text = store.render('text').body.toString('utf8');
      assert.match(text, /livechat_exporter_auth_blocked\{target="nodeps",endpoint="livechat-department"\} 1/);
      assert.doesNotMatch(text, /auth_blocked\{target="nodeps",endpoint="\*"\}/);
      poller.unblock();
      await poller.runTask(discovery);
      assert.equal(asked(), 2, 'after a reload it asks again');
    } finally {
      poller.stop();
      await dispatcher.destroy();
      await rc.sim.close();
    }
  });
});
