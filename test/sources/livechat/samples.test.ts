import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Sample } from '../../../src/metrics/Sample';
import type { ApiVersion } from '../../../src/sources/livechat/apiVersions';
import { REPORTS } from '../../../src/sources/livechat/reports';
import { fixturePath } from '../../helpers/paths';

/**
 * Every response sample of LiveChat's public Reports API docs (test/fixtures/livechat-samples,
 * docs/upstream/livechat.md §12) parsed by the report table. The
 * expectations are computed here from the JSON with plain loops, independently
 * of the parser's helpers, and a few are checked against hand-computed numbers.
 */
const SAMPLES = fixturePath('livechat-samples');
const VERSIONS: ApiVersion[] = ['3.2', '3.3', '3.4', '3.5', '3.6'];

/** Sample file (under responses/) → the report that reads it. */
const FILE_REPORT: Record<string, string> = {
  'chats/agentsChattingDuration.json': 'duration',
  'chats/duration.json': 'duration',
  'chats/tags.json': 'tags',
  'chats/totalChats.json': 'total_chats',
  'chats/ratings.json': 'ratings',
  'chats/responseTime.json': 'response_time',
  'chats/firstResponseTime.json': 'first_response_time',
  'chats/engagement.json': 'engagement',
  'chats/queuedVisitors.json': 'queued_visitors',
  'chats/groups.json': 'groups',
  'agents/availability.json': 'availability',
  'tags/chatUsage.json': 'tags_chat_usage',
  'customers/uniqueVisitors.json': 'unique_visitors',
  'chats/ranking.json': 'ranking',
  'agents/performance.json': 'performance',
};
/** Samples of methods the exporter does not poll (per-greeting, per-form and per-visitor detail). */
const NOT_POLLED = new Set([
  'chats/greetingsConversion.json',
  'chats/surveys.json',
  'chats/forms.json',
  'chats/queuedVisitorsLeft.json',
]);

type Json = Record<string, unknown>;
type Bucket = Record<string, number>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function run(
  report: string,
  json: Json,
  version: ApiVersion,
  tagsLimit = 20,
): { samples: Sample[]; warnings: string[] } {
  const warnings: string[] = [];
  const r = REPORTS.find((x) => x.name === report)!;
  return { samples: r.parse(json, { warn: (m) => warnings.push(m), version, tagsLimit }), warnings };
}

/** `metric{k="v",...}` → value, for comparing whole results. */
function flat(samples: Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    const key = `${s.metric.name.replace('livechat_exporter_livechat_', '')}${Object.keys(s.labels).length ? JSON.stringify(s.labels) : ''}`;
    assert.equal(out[key], undefined, `duplicate series ${key}`);
    out[key] = s.value;
  }
  return out;
}

const buckets = (json: Json): Bucket[] => Object.values(json.records as Record<string, Bucket>);
const sum = (json: Json, field: string): number => buckets(json).reduce((s, b) => s + (b[field] ?? 0), 0);
function mean(json: Json, countField: string, avgField: string): { count: number; avg: number | undefined } {
  let n = 0;
  let total = 0;
  for (const b of buckets(json)) {
    n += b[countField] ?? 0;
    total += (b[countField] ?? 0) * (b[avgField] ?? 0);
  }
  return { count: n, avg: n ? total / n : undefined };
}
function perKey(json: Json): Map<string, number> {
  const m = new Map<string, number>();
  for (const b of buckets(json)) for (const [k, v] of Object.entries(b)) m.set(k, (m.get(k) ?? 0) + v);
  return m;
}

/** The expected flat result of a sample, computed from its JSON. */
function expected(report: string, json: Json, version: ApiVersion): Record<string, number> {
  const out: Record<string, number> = {};
  const set = (key: string, v: number | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  switch (report) {
    case 'duration': {
      const legacy = version === '3.2' || version === '3.3';
      const a = mean(json, 'count', legacy ? 'seconds' : 'agents_chatting_duration');
      set('chat_duration_chats', a.count);
      set('agents_chatting_duration_avg_seconds', a.avg);
      if (!legacy) set('chat_duration_avg_seconds', mean(json, 'count', 'duration').avg);
      break;
    }
    case 'tags':
      for (const [tag, n] of [...perKey(json)].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)))
        set(`tag_chats{"tag":${JSON.stringify(tag)}}`, n);
      set('tag_chats{"tag":"__other__"}', 0);
      break;
    case 'total_chats':
      set('chats', json.total as number);
      set('continuous_chats', sum(json, 'continuous'));
      break;
    case 'ratings':
      set('rated_chats{"rating":"good"}', sum(json, 'good'));
      set('rated_chats{"rating":"bad"}', sum(json, 'bad'));
      break;
    case 'response_time':
    case 'first_response_time': {
      const m = mean(json, 'count', report);
      set(`${report}_chats`, m.count);
      set(`${report}_avg_seconds`, m.avg);
      break;
    }
    case 'engagement':
      for (const s of ['customer_from_greeting', 'customer_without_greeting', 'agent'])
        set(`engagement_chats{"started_by":"${s}"}`, sum(json, `started_by_${s}`));
      break;
    case 'queued_visitors':
      for (const outcome of ['queued', 'left_queue']) {
        const stats = Object.values(json.records as Record<string, Record<string, Bucket>>)
          .map((b) => b[outcome])
          .filter((s): s is Bucket => s !== undefined);
        const n = stats.reduce((a, s) => a + s.count!, 0);
        const l = `{"outcome":"${outcome}"}`;
        set(`queued_visitors${l}`, n);
        set(`queue_wait_avg_seconds${l}`, stats.reduce((a, s) => a + s.count! * s.avg!, 0) / n);
        set(`queue_wait_min_seconds${l}`, Math.min(...stats.map((s) => s.min!)));
        set(`queue_wait_max_seconds${l}`, Math.max(...stats.map((s) => s.max!)));
      }
      break;
    case 'groups':
      for (const [group, n] of perKey(json)) set(`group_chats{"group":"${group}"}`, n);
      break;
    case 'availability':
      set('availability_seconds', sum(json, 'hours') * 3600);
      break;
    case 'tags_chat_usage':
      for (const [tag, n] of Object.entries(json.records as Bucket)) set(`tag_usage_chats{"tag":"${tag}"}`, n);
      set('tag_usage_chats{"tag":"__other__"}', 0);
      break;
    case 'unique_visitors': {
      const s = json.summary as Bucket;
      set('unique_visitors', s.unique_visitors);
      set('page_views', s.page_views);
      break;
    }
    case 'ranking':
      for (const [agent, r] of Object.entries(json.records as Record<string, Bucket>)) {
        set(`agent_ranking_score{"agent":"${agent}"}`, r.score);
        set(`agent_ranking_rated_chats{"agent":"${agent}","rating":"good"}`, r.good);
        set(`agent_ranking_rated_chats{"agent":"${agent}","rating":"bad"}`, r.bad);
      }
      break;
    case 'performance':
      for (const [agent, r] of Object.entries(json.records as Record<string, Bucket>)) {
        const a = `"agent":"${agent}"`;
        set(`agent_chats{${a}}`, r.chats_count);
        set(`agent_rated_chats{${a},"rating":"good"}`, r.chats_rated_good);
        set(`agent_rated_chats{${a},"rating":"bad"}`, r.chats_rated_bad);
        set(`agent_first_response_chats{${a}}`, r.first_response_chats_count);
        set(`agent_first_response_time_avg_seconds{${a}}`, r.first_response_time);
        set(`agent_accepting_chats_seconds{${a}}`, r.accepting_chats_time);
        set(`agent_not_accepting_chats_seconds{${a}}`, r.not_accepting_chats_time);
        set(`agent_logged_in_seconds{${a}}`, r.logged_in_time);
        set(`agent_chatting_seconds{${a}}`, r.chatting_time);
      }
      break;
    default:
      assert.fail(`no expectation for ${report}`);
  }
  return out;
}

function close(actual: Record<string, number>, want: Record<string, number>, what: string): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(want).sort(), `${what}: series`);
  for (const k of Object.keys(want))
    assert.ok(
      Math.abs(actual[k]! - want[k]!) < 1e-9 * Math.max(1, Math.abs(want[k]!)),
      `${what} ${k}: ${actual[k]} != ${want[k]}`,
    );
}

const load = (version: string, file: string): Json =>
  JSON.parse(readFileSync(join(SAMPLES, `v${version}`, 'responses', file), 'utf8')) as Json;

describe('livechat report samples', () => {
  it('has the documentation samples of every supported version in test/fixtures', () => {
    for (const version of VERSIONS) {
      const dir = join(SAMPLES, `v${version}`, 'responses');
      assert.ok(existsSync(dir), `missing fixture folder ${relative(process.cwd(), dir)}`);
    }
  });

  for (const version of VERSIONS) {
    it(`v${version}: every response sample parses to the values computed from its JSON`, () => {
      const root = join(SAMPLES, `v${version}`, 'responses');
      const seen: string[] = [];
      for (const path of files(root)) {
        const file = relative(root, path);
        if (NOT_POLLED.has(file)) continue;
        const report = FILE_REPORT[file];
        assert.ok(report, `v${version} ${file}: no report reads this sample (map it or list it as not polled)`);
        const r = REPORTS.find((x) => x.name === report)!;
        assert.ok(r.paths[version], `v${version} ${file}: report ${report} is not in this version's table`);
        const json = JSON.parse(readFileSync(path, 'utf8')) as Json;
        const { samples, warnings } = run(report, json, version);
        assert.deepEqual(warnings, [], `v${version} ${file}: warnings`);
        close(flat(samples), expected(report, json, version), `v${version} ${file}`);
        seen.push(report);
      }
      // Every report the version has, and the docs have a sample for, was covered.
      const sampled = new Set(Object.values(FILE_REPORT));
      for (const r of REPORTS)
        if (r.paths[version] && sampled.has(r.name) && !seen.includes(r.name))
          assert.fail(`v${version}: no sample read for ${r.name}`);
    });
  }

  describe('hand-computed spot checks', () => {
    it('v3.2 agents_chatting_duration: (67·875 + 11·1337 + 1·178) / 79', () => {
      const f = flat(run('duration', load('3.2', 'chats/agentsChattingDuration.json'), '3.2').samples);
      assert.deepEqual(f, { chat_duration_chats: 79, agents_chatting_duration_avg_seconds: 73510 / 79 });
    });

    it('v3.6 duration: 369 chats, agents 2037600/369 s, chats 2547600/369 s', () => {
      const f = flat(run('duration', load('3.6', 'chats/duration.json'), '3.6').samples);
      assert.equal(f.chat_duration_chats, 369);
      assert.ok(Math.abs(f.agents_chatting_duration_avg_seconds! - 5521.951219512195) < 1e-9);
      assert.ok(Math.abs(f.chat_duration_avg_seconds! - 6904.065040650406) < 1e-9);
    });

    it('v3.3 total_chats: the top-level total wins over the (inconsistent) bucket sum', () => {
      assert.deepEqual(flat(run('total_chats', load('3.3', 'chats/totalChats.json'), '3.3').samples), {
        chats: 329,
        continuous_chats: 128,
      });
    });

    it('v3.6 tags and ratings', () => {
      assert.deepEqual(flat(run('tags', load('3.6', 'chats/tags.json'), '3.6').samples), {
        'tag_chats{"tag":"spam"}': 108,
        'tag_chats{"tag":"support"}': 108,
        'tag_chats{"tag":"__other__"}': 0,
      });
      assert.deepEqual(flat(run('tags', load('3.2', 'chats/tags.json'), '3.2', 1).samples), {
        'tag_chats{"tag":"support"}': 197,
        'tag_chats{"tag":"__other__"}': 132,
      });
      assert.deepEqual(flat(run('ratings', load('3.6', 'chats/ratings.json'), '3.6').samples), {
        'rated_chats{"rating":"good"}': 32,
        'rated_chats{"rating":"bad"}': 17,
      });
    });

    it('v3.6 response time 504.72 / 30, engagement, groups, availability', () => {
      const rt = flat(run('response_time', load('3.6', 'chats/responseTime.json'), '3.6').samples);
      assert.equal(rt.response_time_chats, 30);
      assert.ok(Math.abs(rt.response_time_avg_seconds! - 16.824) < 1e-9);
      assert.deepEqual(flat(run('engagement', load('3.6', 'chats/engagement.json'), '3.6').samples), {
        'engagement_chats{"started_by":"customer_from_greeting"}': 2112,
        'engagement_chats{"started_by":"customer_without_greeting"}': 7411,
        'engagement_chats{"started_by":"agent"}': 8,
      });
      assert.deepEqual(flat(run('groups', load('3.6', 'chats/groups.json'), '3.6').samples), {
        'group_chats{"group":"0"}': 22,
        'group_chats{"group":"1"}': 4,
        'group_chats{"group":"2"}': 1,
        'group_chats{"group":"3"}': 1,
        'group_chats{"group":"4"}': 1,
      });
      const av = flat(run('availability', load('3.6', 'agents/availability.json'), '3.6').samples);
      assert.ok(Math.abs(av.availability_seconds! - 19.59 * 3600) < 1e-6);
    });

    it('v3.6 queued visitors: 15 each, min 0 / max 20 queued, max 100 left', () => {
      const f = flat(run('queued_visitors', load('3.6', 'chats/queuedVisitors.json'), '3.6').samples);
      assert.equal(f['queued_visitors{"outcome":"queued"}'], 15);
      assert.equal(f['queued_visitors{"outcome":"left_queue"}'], 15);
      assert.equal(f['queue_wait_min_seconds{"outcome":"queued"}'], 0);
      assert.equal(f['queue_wait_max_seconds{"outcome":"queued"}'], 20);
      assert.equal(f['queue_wait_max_seconds{"outcome":"left_queue"}'], 100);
      assert.ok(
        Math.abs(
          f['queue_wait_avg_seconds{"outcome":"queued"}']! - (13 * 2.5384615384615383 + 2 * 5.523131672597864) / 15,
        ) < 1e-12,
      );
    });
  });

  describe('malformed and empty bodies', () => {
    it('empty buckets, missing fields and missing records are zeros, and averages over nothing are absent', () => {
      const json = {
        name: 'response-time-report',
        total: 0,
        records: { '2024-01-01': {}, '2024-01-02': { count: 2 } },
      };
      assert.deepEqual(flat(run('response_time', json, '3.6').samples), {
        response_time_chats: 2,
        response_time_avg_seconds: 0,
      });
      assert.deepEqual(flat(run('response_time', { name: 'x', records: { d: {} } }, '3.6').samples), {
        response_time_chats: 0,
      });
      assert.deepEqual(flat(run('ratings', { name: 'x' }, '3.6').samples), {
        'rated_chats{"rating":"good"}': 0,
        'rated_chats{"rating":"bad"}': 0,
      });
      assert.deepEqual(flat(run('queued_visitors', { name: 'x', records: { d: {} } }, '3.6').samples), {
        'queued_visitors{"outcome":"queued"}': 0,
        'queued_visitors{"outcome":"left_queue"}': 0,
      });
    });

    it('a malformed value is reported and skipped; the rest still counts', () => {
      const json = { records: { a: { good: 2, bad: 'many' }, b: 'oops', c: { good: '3', bad: 1 } } };
      const { samples, warnings } = run('ratings', json, '3.6');
      assert.deepEqual(flat(samples), { 'rated_chats{"rating":"good"}': 5, 'rated_chats{"rating":"bad"}': 1 });
      assert.deepEqual(warnings, [
        'ratings "b": expected an object, got "oops"',
        'ratings "a".bad: cannot parse "many"',
        'ratings "b": expected an object, got "oops"',
      ]);
    });

    it('records that are not an object fail the report as a parse error', () => {
      assert.throws(() => run('tags', { records: [1, 2] }, '3.6'), { name: 'UpstreamError', reason: 'parse' });
    });

    it('bucket keys are opaque: prototype names are plain tags', () => {
      const json = JSON.parse('{"records":{"x":{"__proto__":2,"constructor":1},"y":{"__proto__":3}}}') as Json;
      assert.deepEqual(flat(run('tags', json, '3.6').samples), {
        'tag_chats{"tag":"__proto__"}': 5,
        'tag_chats{"tag":"constructor"}': 1,
        'tag_chats{"tag":"__other__"}': 0,
      });
    });
  });
});
