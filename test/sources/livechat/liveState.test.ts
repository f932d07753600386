import { strict as assert } from 'node:assert';
import { aggregateLiveState } from '../../../src/sources/livechat/aggregateLiveState';
import {
  parseChatsPage,
  parseGroups,
  parseInstant,
  parseRoutingStatuses,
} from '../../../src/sources/livechat/parseLiveState';
import { UpstreamError } from '../../../src/upstream/UpstreamError';

/** A chat summary shaped like the documentation's (docs/upstream/livechat.md §11.2). */
function chat(id: string, groups: number[], thread: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    id,
    users: [{ id: 'b7eff798-f8df-4364-8059-649c35c9ed0c', type: 'customer' }],
    ...(thread && { last_thread_summary: { id: `T${id}`, created_at: '2020-05-12T11:42:47.383000Z', ...thread } }),
    properites: {},
    access: { group_ids: groups },
    is_followed: false,
  };
}
const queue = (queued_at: unknown) => ({ position: 1, wait_time: 1337, queued_at });

/** Samples as `name{labels}` → value, the prefix dropped, for compact expectations. */
function flat(samples: ReturnType<typeof aggregateLiveState>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    const name = s.metric.name.replace('livechat_exporter_livechat_live_', '');
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    out[`${name}{${labels}}`] = s.value;
  }
  return out;
}

describe('livechat live state parsing', () => {
  let problems: string[];
  const warn = (m: string) => void problems.push(m);
  beforeEach(() => (problems = []));

  it('reads RFC 3339 instants strictly, microseconds included', () => {
    assert.equal(parseInstant('2020-05-12T11:42:47.383000Z'), 1589283767.383);
    assert.equal(parseInstant('2020-05-12T13:42:47+02:00'), 1589283767);
    for (const bad of ['2020-05-12 11:42:47', '1589283767', 'soon', 1589283767, null, '2020-13-45T99:00:00Z'])
      assert.equal(parseInstant(bad), undefined, JSON.stringify(bad));
  });

  it('list_chats: keeps active chats only, queued ones with their queue entry, whatever the order of quirks', () => {
    const page = parseChatsPage(
      {
        chats_summary: [
          chat('ACTIVE', [0, 2], { active: true, access: { group_ids: [0, 2] } }),
          // The documentation's own sample: a queue on an inactive thread. Inactive is inactive.
          chat('SAMPLE', [0], { active: false, queue: queue('2020-05-12T11:42:47.383000Z') }),
          chat('QUEUED', [1], { active: true, queue: queue('2020-05-12T11:42:47.383000Z') }),
          chat('OLDNAME', [1], { active: true, queue: { queued_at_us: '2020-05-12T11:40:00.000000Z' } }),
          chat('MICROS', [1], { active: true, queue: { queued_at_us: 1589283600000000 } }),
          chat('NOTIME', [1], { active: true, queue: { position: 3 } }),
          chat('NOTHREAD', [1], undefined),
          { ...chat('THREADGROUPS', [], { active: true, access: { group_ids: [3, 3, 'x'] } }), access: undefined },
          { id: '' },
          'junk',
        ],
        next_page_id: 'MTUxNzM5ODEzMTQ5Ng==',
        found_chats: 4,
      },
      warn,
    );
    assert.equal(page.next, 'MTUxNzM5ODEzMTQ5Ng==');
    assert.equal(page.found, 4);
    assert.deepEqual(page.chats, [
      { id: 'ACTIVE', groups: [0, 2], queued: false, queuedAt: undefined },
      { id: 'QUEUED', groups: [1], queued: true, queuedAt: 1589283767.383 },
      { id: 'OLDNAME', groups: [1], queued: true, queuedAt: 1589283600 },
      { id: 'MICROS', groups: [1], queued: true, queuedAt: 1589283600 },
      { id: 'NOTIME', groups: [1], queued: true, queuedAt: undefined },
      { id: 'THREADGROUPS', groups: [3], queued: false, queuedAt: undefined },
    ]);
    assert.deepEqual(problems, [
      'list_chats: a queued chat without a readable queue.queued_at (left out of the oldest queued time)',
      'list_chats: a group id that is not a whole number was ignored',
      'list_chats: a chat summary without an id was skipped',
      'list_chats: a chat summary without an id was skipped',
    ]);
  });

  it('list_chats: a body that is not a page fails the call as a parse error', () => {
    for (const body of [null, [], {}, { chats_summary: {} }, { chats_summary: [], next_page_id: 7 }])
      assert.throws(
        () => parseChatsPage(body, warn),
        (err: unknown) => err instanceof UpstreamError && err.reason === 'parse',
        JSON.stringify(body),
      );
    assert.equal(parseChatsPage({ chats_summary: [], next_page_id: null }, warn).next, undefined);
  });

  it('list_groups and list_routing_statuses: bare arrays; malformed entries are reported and skipped', () => {
    const groups = parseGroups(
      [
        { id: 0, name: 'General', routing_status: 'offline' },
        { id: 19, name: 'Sport shoes', agent_priorities: { 'a@example.com': 'normal', b: 7 }, routing_status: 3 },
        { id: -1, name: 'bad' },
        { name: 'no id' },
      ],
      warn,
    );
    assert.deepEqual(groups, [
      { id: 0, name: 'General', members: undefined, routingStatus: 'offline' },
      {
        id: 19,
        name: 'Sport shoes',
        members: new Map([
          ['a@example.com', 'normal'],
          ['b', ''],
        ]),
        routingStatus: undefined,
      },
    ]);
    const statuses = parseRoutingStatuses(
      [{ agent_id: 'smith@example.com', status: 'accepting_chats' }, { agent_id: 'x' }, null],
      warn,
    );
    assert.deepEqual([...statuses], [['smith@example.com', 'accepting_chats']]);
    assert.deepEqual(problems, [
      'list_groups: a group without agent_priorities: its agents are not counted',
      'list_groups: a routing_status that is not a string was ignored',
      'list_groups: an entry without a group id (a whole number) was skipped',
      'list_groups: an entry without a group id (a whole number) was skipped',
      'list_routing_statuses: an entry without a string agent_id and status was skipped',
      'list_routing_statuses: an entry without a string agent_id and status was skipped',
    ]);
    for (const body of [{}, null, 'x'])
      assert.throws(() => parseGroups(body, warn), /list_groups: expected a JSON array/);
    assert.throws(() => parseRoutingStatuses({ agents: [] }, warn), /list_routing_statuses: expected a JSON array/);
  });
});

describe('livechat live state aggregation', () => {
  let problems: string[];
  const warn = (m: string) => void problems.push(m);
  beforeEach(() => (problems = []));

  const BOT = '5c9871d5372c824cbf22d860a707a578';
  const members = (entries: [string, string][]) => new Map(entries);

  it('counts per group and distinct in total, agents by routing status, and each group state', () => {
    const samples = aggregateLiveState(
      {
        groups: [
          {
            id: 0,
            name: 'General',
            members: members([
              ['alice', 'normal'],
              ['bob', 'last'],
              ['boss', 'supervisor'],
              [BOT, 'first'],
            ]),
            routingStatus: 'accepting_chats',
          },
          {
            id: 2,
            name: 'Billing "EU"',
            members: members([
              ['carol', 'normal'],
              ['boss', 'supervisor'],
            ]),
            routingStatus: 'not_accepting_chats',
          },
          { id: 5, name: 'Empty', members: members([]), routingStatus: 'busy' },
        ],
        statuses: new Map([
          ['alice', 'accepting_chats'],
          ['boss', 'accepting_chats'],
          ['carol', 'not_accepting_chats'],
          [BOT, 'accepting_chats'],
          ['dave', 'away'],
        ]),
        chats: new Map([
          ['A', { id: 'A', groups: [0, 2], queued: true, queuedAt: 100 }],
          ['B', { id: 'B', groups: [2], queued: true, queuedAt: 50 }],
          ['C', { id: 'C', groups: [0], queued: false, queuedAt: undefined }],
          ['D', { id: 'D', groups: [7], queued: true, queuedAt: undefined }],
          ['E', { id: 'E', groups: [], queued: false, queuedAt: undefined }],
        ]),
        truncated: false,
      },
      warn,
    );
    const g0 = 'group=0,group_name=General';
    const g2 = 'group=2,group_name=Billing "EU"';
    const g5 = 'group=5,group_name=Empty';
    assert.deepEqual(flat(samples), {
      [`group_active_chats{${g0}}`]: 2,
      [`group_queued_chats{${g0}}`]: 1,
      [`group_oldest_queued_timestamp_seconds{${g0}}`]: 100,
      // Supervisors get no chats routed; a bot does; bob is not listed, so offline.
      [`group_agents{${g0},status=accepting_chats}`]: 2,
      [`group_agents{${g0},status=not_accepting_chats}`]: 0,
      [`group_agents{${g0},status=offline}`]: 1,
      [`group_routing_status{${g0},status=accepting_chats}`]: 1,
      [`group_routing_status{${g0},status=not_accepting_chats}`]: 0,
      [`group_routing_status{${g0},status=offline}`]: 0,
      [`group_active_chats{${g2}}`]: 2,
      [`group_queued_chats{${g2}}`]: 2,
      [`group_oldest_queued_timestamp_seconds{${g2}}`]: 50,
      [`group_agents{${g2},status=accepting_chats}`]: 0,
      [`group_agents{${g2},status=not_accepting_chats}`]: 1,
      [`group_agents{${g2},status=offline}`]: 0,
      [`group_routing_status{${g2},status=accepting_chats}`]: 0,
      [`group_routing_status{${g2},status=not_accepting_chats}`]: 1,
      [`group_routing_status{${g2},status=offline}`]: 0,
      // A group without chats still has its zeros; an unknown group state is no state.
      [`group_active_chats{${g5}}`]: 0,
      [`group_queued_chats{${g5}}`]: 0,
      [`group_agents{${g5},status=accepting_chats}`]: 0,
      [`group_agents{${g5},status=not_accepting_chats}`]: 0,
      [`group_agents{${g5},status=offline}`]: 0,
      [`group_routing_status{${g5},status=accepting_chats}`]: 0,
      [`group_routing_status{${g5},status=not_accepting_chats}`]: 0,
      [`group_routing_status{${g5},status=offline}`]: 0,
      // A group only a chat names: its chats, no name, nothing else known.
      'group_active_chats{group=7,group_name=}': 1,
      'group_queued_chats{group=7,group_name=}': 1,
      // Each chat once, each agent or bot once; dave's status is unknown and not counted.
      'active_chats{}': 5,
      'queued_chats{}': 3,
      'oldest_queued_timestamp_seconds{}': 50,
      'chats_truncated{}': 0,
      'agents{status=accepting_chats}': 3,
      'agents{status=not_accepting_chats}': 1,
      'agents{status=offline}': 1,
    });
    assert.deepEqual(problems, [
      'list_groups: unknown routing_status "busy"',
      'list_routing_statuses: unknown status "away" (not counted)',
    ]);
  });

  it('nothing queued: no oldest-queued series at all, and the cut is flagged', () => {
    const samples = flat(
      aggregateLiveState({ groups: [], statuses: new Map(), chats: new Map(), truncated: true }, warn),
    );
    assert.deepEqual(samples, {
      'active_chats{}': 0,
      'queued_chats{}': 0,
      'chats_truncated{}': 1,
      'agents{status=accepting_chats}': 0,
      'agents{status=not_accepting_chats}': 0,
      'agents{status=offline}': 0,
    });
  });
});
