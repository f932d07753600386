import { strict as assert } from 'node:assert';
import { secondsToHHMMSS } from '../../simulator/rocketchat/secondsToHHMMSS';
import { dash, qs, startRocketChat, T0, type RocketChatHarness } from '../helpers/startRocketChat';

const HHMMSS = /^\d{2,}:\d{2}:\d{2}$/;
const WEEK = { start: new Date(T0 - 7 * 86_400_000).toISOString(), end: new Date(T0).toISOString() };
type Totalizers = { totalizers: { title: string; value: unknown }[]; success: boolean };
const byTitle = (body: unknown): Map<string, unknown> =>
  new Map((body as Totalizers).totalizers.map((t) => [t.title, t.value]));

describe('rocketchat simulator: dashboard endpoints', () => {
  let h: RocketChatHarness;
  before(async () => {
    h = await startRocketChat({ rateLimit: false });
  });
  after(() => h.sim.close());

  it('secondsToHHMMSS keeps RC quirks ("00:00:60", hours > 99)', () => {
    assert.equal(secondsToHHMMSS(59.6), '00:00:60');
    assert.equal(secondsToHHMMSS(16), '00:00:16');
    assert.equal(secondsToHHMMSS(123 * 3600 + 4 * 60 + 5), '123:04:05');
    assert.equal(secondsToHHMMSS(0), '00:00:00');
  });

  it('conversation-totalizers: five numeric titles in overview order', async () => {
    const r = await h.get(dash('conversation-totalizers') + qs(WEEK));
    assert.equal(r.status, 200);
    const body = r.json as Totalizers;
    assert.deepEqual(
      body.totalizers.map((t) => t.title),
      ['Total_conversations', 'Open_conversations', 'On_Hold_conversations', 'Total_messages', 'Total_visitors'],
    );
    for (const t of body.totalizers) assert.ok(Number.isInteger(t.value), `${t.title} is an integer`);
    assert.equal(body.success, true);
    assert.ok((byTitle(body).get('Total_conversations') as number) > 100);
  });

  it('string formats of the other totalizers', async () => {
    const ap = byTitle((await h.get(dash('agents-productivity-totalizers') + qs(WEEK))).json);
    assert.match(ap.get('Busiest_time') as string, /^(\d{1,2}(AM|PM) - \d{1,2}(AM|PM)|-)$/);
    assert.notEqual(ap.get('Busiest_time'), '-');
    assert.match(ap.get('Avg_of_available_service_time') as string, HHMMSS);
    assert.match(ap.get('Avg_of_service_time') as string, HHMMSS);
    const ch = byTitle((await h.get(dash('chats-totalizers') + qs(WEEK))).json);
    assert.ok(Number.isInteger(ch.get('Total_abandoned_chats')));
    assert.match(ch.get('Avg_of_abandoned_chats') as string, /^\d+(\.\d+)?%$/);
    assert.match(ch.get('Avg_of_chat_duration_time') as string, HHMMSS);
    const pr = (await h.get(dash('productivity-totalizers') + qs(WEEK))).json as Totalizers;
    assert.deepEqual(
      pr.totalizers.map((t) => t.title),
      ['Avg_response_time', 'Avg_first_response_time', 'Avg_reaction_time', 'Avg_of_waiting_time'],
    );
    for (const t of pr.totalizers) assert.match(t.value as string, HHMMSS);
  });

  it('Busiest_time is "-" for an empty window', async () => {
    const r = byTitle(
      (
        await h.get(
          dash('agents-productivity-totalizers') +
            qs({ start: '2020-01-01T00:00:00.000Z', end: '2020-01-02T00:00:00.000Z' }),
        )
      ).json,
    );
    assert.equal(r.get('Busiest_time'), '-');
    assert.equal(r.get('Avg_of_service_time'), '00:00:00');
  });

  it('charts/chats, chats-per-agent, chats-per-department and timings shapes', async () => {
    const chats = (await h.get(dash('charts/chats') + qs(WEEK))).json as Record<string, number>;
    assert.deepEqual(Object.keys(chats), ['open', 'closed', 'queued', 'onhold', 'success']);
    const perAgent = (await h.get(dash('charts/chats-per-agent') + qs(WEEK))).json as Record<string, unknown>;
    const usernames = new Set(h.sim.world.agents().map((a) => a.username));
    for (const [k, v] of Object.entries(perAgent)) {
      if (k === 'success') continue;
      assert.ok(usernames.has(k), k);
      for (const key of Object.keys(v as object)) assert.ok(['open', 'closed', 'onhold'].includes(key));
    }
    const perDep = await h.get(dash('charts/chats-per-department') + qs(WEEK));
    const names = Object.keys(perDep.json as object);
    for (const n of ['Sales', 'Support "Tier 2"', 'Поддержка', '客服', 'back\\slash']) assert.ok(names.includes(n), n);
    assert.ok(perDep.text.includes('"__proto__":{"open":'), 'prototype key is serialised as a plain key');
    const sumOpen = Object.entries(perDep.json as Record<string, { open: number; closed: number }>)
      .filter(([k]) => k !== 'success')
      .reduce((a, [, v]) => a + v.open, 0);
    assert.equal(sumOpen, chats.open! + chats.queued! + chats.onhold!);
    const timings = (await h.get(dash('charts/timings') + qs(WEEK))).json as Record<
      string,
      { avg: number; longest: number }
    >;
    for (const k of ['response', 'reaction', 'chatDuration']) {
      assert.ok(Number.isInteger(timings[k]?.avg));
      assert.equal(typeof timings[k]?.longest, 'number');
    }
  });

  it('agents-status: counts with _id null, or only {success:true} for an unknown department', async () => {
    const all = (await h.get(dash('charts/agents-status'))).json as Record<string, unknown>;
    assert.deepEqual(Object.keys(all), ['_id', 'offline', 'away', 'busy', 'available', 'success']);
    assert.equal(all._id, null);
    const n = (all.offline as number) + (all.away as number) + (all.busy as number) + (all.available as number);
    assert.equal(n, h.sim.world.agents().length);
    const unknown = await h.get(dash('charts/agents-status') + qs({ departmentId: 'doesNotExist' }));
    assert.equal(unknown.text, '{"success":true}');
  });

  it('unknown departmentId gives zeros and empty maps; "undefined" means all', async () => {
    const q = { ...WEEK, departmentId: 'doesNotExist' };
    assert.deepEqual((await h.get(dash('charts/chats') + qs(q))).json, {
      open: 0,
      closed: 0,
      queued: 0,
      onhold: 0,
      success: true,
    });
    assert.deepEqual((await h.get(dash('charts/chats-per-department') + qs(q))).json, { success: true });
    const all = (await h.get(dash('charts/chats') + qs(WEEK))).json;
    const undef = (await h.get(dash('charts/chats') + qs({ ...WEEK, departmentId: 'undefined' }))).json;
    assert.deepEqual(undef, all);
  });

  it('department filter restricts counts', async () => {
    const sales = (
      await h.get(dash('charts/chats-per-department') + qs({ ...WEEK, departmentId: 'CAJioQNAvLnYWTy8i' }))
    ).json;
    assert.deepEqual(Object.keys(sales as object), ['Sales', 'success']);
  });

  it('day-expands the four overview titles but not Total_visitors', async () => {
    // A 5-minute window: overview titles cover the whole UTC day written in `start`/`end`.
    const short = byTitle(
      (
        await h.get(
          dash('conversation-totalizers') +
            qs({
              start: new Date(T0 - 300_000).toISOString(),
              end: new Date(T0).toISOString(),
            }),
        )
      ).json,
    );
    const day = byTitle(
      (
        await h.get(
          dash('conversation-totalizers') +
            qs({
              start: '2024-05-15T00:00:00.000Z',
              end: '2024-05-15T23:59:59.999Z',
            }),
        )
      ).json,
    );
    assert.equal(short.get('Total_conversations'), day.get('Total_conversations'));
    let expected = 0;
    h.sim.world.forEachConversation(Date.UTC(2024, 4, 15), Date.UTC(2024, 4, 16) - 1, undefined, () => expected++);
    assert.equal(day.get('Total_conversations'), expected);
    assert.ok((short.get('Total_visitors') as number) < (day.get('Total_visitors') as number));
  });

  it('reads the leading YYYY-MM-DD of the raw string in the reporting timezone', async () => {
    const ny = await startRocketChat({ rateLimit: false, timezone: 'America/New_York' });
    try {
      // 23:30Z is 19:30 in New York, but only the leading date "2024-05-15" counts, expanded in New York time.
      const r = byTitle(
        (
          await ny.get(
            dash('conversation-totalizers') + qs({ start: '2024-05-15T23:30:00Z', end: '2024-05-15T23:35:00Z' }),
          )
        ).json,
      );
      let expected = 0;
      const from = Date.UTC(2024, 4, 15, 4); // New York midnight (EDT, UTC-4)
      ny.sim.world.forEachConversation(from, from + 86_400_000 - 1, undefined, () => expected++);
      assert.equal(r.get('Total_conversations'), expected);
    } finally {
      await ny.sim.close();
    }
  });
});
