import type { MetricDef } from '../../metrics/MetricDef';
import type { Sample } from '../../metrics/Sample';
import {
  bucketObject,
  quoteKey,
  readNumber,
  recordsOf,
  sumByKey,
  sumField,
  weightedMean,
  type Warn,
} from './aggregateRecords';
import { API_VERSIONS, isQueryStringVersion, type ApiVersion } from './apiVersions';
import { capTags } from './capTags';
import { lc } from './metrics';

/** What a report's parser gets besides the body. */
export interface ParseContext {
  readonly warn: Warn;
  /** The target's API version (field names differ before v3.4). */
  readonly version: ApiVersion;
  /** Distinct tag series to keep before summing the rest into the other series. */
  readonly tagsLimit: number;
}

/** Filters a target can set; each report accepts some of them (docs/upstream/livechat.md §6.1). */
export type FilterName = 'groups' | 'agents' | 'tags';

/**
 * One LiveChat report. A new report is its entry in REPORTS, its metric definitions (metrics.ts) and the
 * simulator's answer; docs/development.md has the checklist.
 */
export interface LiveChatReport {
  /** Config key under `reports`, and the `endpoint` label (stable across versions that rename the method). */
  readonly name: string;
  /** The upstream `<resource>/<action>` in each version that has the report. */
  readonly paths: Readonly<Partial<Record<ApiVersion, string>>>;
  /** Whether upstream takes `distribution` and `timezone` for this report (customers reports take only from/to). */
  readonly distribution: boolean;
  readonly timezone: boolean;
  readonly filters: readonly FilterName[];
  /** v3.2/v3.3 only: the query key of the tag filter (`names` for chats/tags, `tags` elsewhere). */
  readonly legacyTagsParam?: 'tags' | 'names';
  /** Off unless the target enables it (one series per agent). */
  readonly optIn: boolean;
  parse(json: Record<string, unknown>, p: ParseContext): Sample[];
}

const ALL_FILTERS: readonly FilterName[] = ['groups', 'agents', 'tags'];
/** The same path in `first` and every later version. */
const since = (first: ApiVersion, path: string): Partial<Record<ApiVersion, string>> =>
  Object.fromEntries(API_VERSIONS.slice(API_VERSIONS.indexOf(first)).map((v) => [v, path]));

const sample = (metric: MetricDef, labels: Record<string, string>, value: number): Sample => ({
  metric,
  labels,
  value,
});

/** A weighted average and its weight; the average only when there is something to average. */
function meanSamples(
  out: Sample[],
  avg: MetricDef,
  count: MetricDef | undefined,
  mean: { count: number; mean: number | undefined },
  labels: Record<string, string> = {},
): void {
  if (count) out.push(sample(count, labels, mean.count));
  if (mean.mean !== undefined) out.push(sample(avg, labels, mean.mean));
}

/** Top-level `total` when it is a number, else the bucket sum of `field`. */
function totalOr(
  json: Record<string, unknown>,
  buckets: [string, unknown][],
  field: string,
  what: string,
  warn: Warn,
): number {
  return typeof json.total === 'number' && Number.isFinite(json.total)
    ? json.total
    : sumField(buckets, field, what, warn);
}

/** Per-agent records keyed by email: each field of each agent, skipping what does not parse. */
function perAgent(
  json: Record<string, unknown>,
  report: string,
  p: ParseContext,
  emit: (agent: string, read: (field: string) => number | undefined) => void,
): void {
  for (const [agent, raw] of recordsOf(json, report)) {
    const rec = bucketObject(raw, `${report} ${quoteKey(agent)}`, p.warn);
    if (rec) emit(agent, (field) => readNumber(rec[field], `${report} ${quoteKey(agent)}.${field}`, p.warn));
  }
}

const QUEUE_OUTCOMES = ['queued', 'left_queue'] as const;
const STARTED_BY = ['customer_from_greeting', 'customer_without_greeting', 'agent'] as const;

/** Every report the exporter reads, in the order they are polled. */
export const REPORTS: readonly LiveChatReport[] = [
  {
    // Renamed in v3.4 (agents_chatting_duration → duration); v3.2/v3.3 call the average `seconds` and have no chat duration.
    name: 'duration',
    paths: {
      '3.2': 'chats/agents_chatting_duration',
      '3.3': 'chats/agents_chatting_duration',
      ...since('3.4', 'chats/duration'),
    },
    distribution: true,
    timezone: true,
    filters: ALL_FILTERS,
    legacyTagsParam: 'tags',
    optIn: false,
    parse(json, p) {
      const b = recordsOf(json, 'duration');
      const legacy = isQueryStringVersion(p.version);
      const out: Sample[] = [];
      const agents = weightedMean(b, 'count', legacy ? 'seconds' : 'agents_chatting_duration', 'duration', p.warn);
      meanSamples(out, lc.agentsChattingDurationAvg, lc.durationChats, agents);
      if (!legacy)
        meanSamples(out, lc.chatDurationAvg, undefined, weightedMean(b, 'count', 'duration', 'duration', p.warn));
      return out;
    },
  },
  {
    name: 'tags',
    paths: since('3.2', 'chats/tags'),
    distribution: true,
    timezone: true,
    filters: ALL_FILTERS,
    legacyTagsParam: 'names',
    optIn: false,
    parse: (json, p) =>
      capTags(sumByKey(recordsOf(json, 'tags'), 'tags', p.warn), p.tagsLimit).map(([tag, n]) =>
        sample(lc.tagChats, { tag }, n),
      ),
  },
  {
    name: 'total_chats',
    paths: since('3.3', 'chats/total_chats'),
    distribution: true,
    timezone: true,
    filters: ALL_FILTERS,
    legacyTagsParam: 'tags',
    optIn: false,
    parse(json, p) {
      const b = recordsOf(json, 'total_chats');
      return [
        sample(lc.chats, {}, totalOr(json, b, 'total', 'total_chats', p.warn)),
        sample(lc.continuousChats, {}, sumField(b, 'continuous', 'total_chats', p.warn)),
      ];
    },
  },
  {
    name: 'ratings',
    paths: since('3.4', 'chats/ratings'),
    distribution: true,
    timezone: true,
    filters: ALL_FILTERS,
    optIn: false,
    parse(json, p) {
      const b = recordsOf(json, 'ratings');
      return (['good', 'bad'] as const).map((rating) =>
        sample(lc.ratedChats, { rating }, sumField(b, rating, 'ratings', p.warn)),
      );
    },
  },
  {
    name: 'response_time',
    paths: since('3.4', 'chats/response_time'),
    distribution: true,
    timezone: true,
    filters: ALL_FILTERS,
    optIn: false,
    parse(json, p) {
      const out: Sample[] = [];
      meanSamples(
        out,
        lc.responseTimeAvg,
        lc.responseTimeChats,
        weightedMean(recordsOf(json, 'response_time'), 'count', 'response_time', 'response_time', p.warn),
      );
      return out;
    },
  },
  {
    name: 'first_response_time',
    paths: since('3.4', 'chats/first_response_time'),
    distribution: true,
    timezone: true,
    filters: ALL_FILTERS,
    optIn: false,
    parse(json, p) {
      const out: Sample[] = [];
      meanSamples(
        out,
        lc.firstResponseTimeAvg,
        lc.firstResponseTimeChats,
        weightedMean(
          recordsOf(json, 'first_response_time'),
          'count',
          'first_response_time',
          'first_response_time',
          p.warn,
        ),
      );
      return out;
    },
  },
  {
    name: 'engagement',
    paths: since('3.4', 'chats/engagement'),
    distribution: true,
    timezone: true,
    filters: ALL_FILTERS,
    optIn: false,
    parse(json, p) {
      const b = recordsOf(json, 'engagement');
      return STARTED_BY.map((s) =>
        sample(lc.engagementChats, { started_by: s }, sumField(b, `started_by_${s}`, 'engagement', p.warn)),
      );
    },
  },
  {
    // Listed under Customers in the v3.6 docs, so only from/to are sent (docs/upstream/livechat.md §5, §6.1).
    name: 'queued_visitors',
    paths: since('3.6', 'chats/queued_visitors'),
    distribution: false,
    timezone: false,
    filters: [],
    optIn: false,
    parse(json, p) {
      const out: Sample[] = [];
      for (const outcome of QUEUE_OUTCOMES) {
        let count = 0;
        let sum = 0;
        let min: number | undefined;
        let max: number | undefined;
        for (const [key, raw] of recordsOf(json, 'queued_visitors')) {
          const where = `queued_visitors ${quoteKey(key)}`;
          const bucket = bucketObject(raw, where, p.warn);
          if (!bucket || bucket[outcome] === undefined) continue;
          const s = bucketObject(bucket[outcome], `${where}.${outcome}`, p.warn);
          if (!s) continue;
          const [n, avg, lo, hi] = ['count', 'avg', 'min', 'max'].map((f) =>
            readNumber(s[f], `${where}.${outcome}.${f}`, p.warn),
          );
          if (n === undefined || avg === undefined || lo === undefined || hi === undefined || n <= 0) continue;
          count += n;
          sum += n * avg;
          min = min === undefined ? lo : Math.min(min, lo);
          max = max === undefined ? hi : Math.max(max, hi);
        }
        const labels = { outcome };
        out.push(sample(lc.queuedVisitors, labels, count));
        if (count > 0)
          out.push(
            sample(lc.queueWaitAvg, labels, sum / count),
            sample(lc.queueWaitMin, labels, min!),
            sample(lc.queueWaitMax, labels, max!),
          );
      }
      return out;
    },
  },
  {
    name: 'groups',
    paths: since('3.6', 'chats/groups'),
    distribution: true,
    timezone: true,
    filters: ALL_FILTERS,
    optIn: false,
    parse: (json, p) =>
      [...sumByKey(recordsOf(json, 'groups'), 'groups', p.warn)].map(([group, n]) =>
        sample(lc.groupChats, { group }, n),
      ),
  },
  {
    name: 'availability',
    paths: since('3.4', 'agents/availability'),
    distribution: true,
    timezone: true,
    filters: ['groups', 'agents'],
    optIn: false,
    parse(json, p) {
      // Buckets say their unit (hours for distribution=day, minutes for hour); the top-level total does not.
      const b = recordsOf(json, 'availability');
      return [
        sample(
          lc.availability,
          {},
          sumField(b, 'hours', 'availability', p.warn) * 3600 + sumField(b, 'minutes', 'availability', p.warn) * 60,
        ),
      ];
    },
  },
  {
    name: 'tags_chat_usage',
    paths: since('3.5', 'tags/chat_usage'),
    distribution: false,
    timezone: true,
    filters: ['groups'],
    optIn: false,
    parse(json, p) {
      // Keyed by tag directly, not by bucket.
      const counts = new Map<string, number>();
      for (const [tag, v] of recordsOf(json, 'tags_chat_usage')) {
        const n = readNumber(v, `tags_chat_usage ${quoteKey(tag)}`, p.warn);
        if (n !== undefined) counts.set(tag, n);
      }
      return capTags(counts, p.tagsLimit).map(([tag, n]) => sample(lc.tagUsageChats, { tag }, n));
    },
  },
  {
    name: 'unique_visitors',
    paths: since('3.6', 'customers/unique_visitors'),
    distribution: false,
    timezone: false,
    filters: [],
    optIn: false,
    parse(json, p) {
      const s = bucketObject(json.summary ?? {}, 'unique_visitors summary', p.warn) ?? {};
      const out: Sample[] = [];
      const visitors = readNumber(s.unique_visitors, 'unique_visitors summary.unique_visitors', p.warn);
      const views = readNumber(s.page_views, 'unique_visitors summary.page_views', p.warn);
      if (visitors !== undefined) out.push(sample(lc.uniqueVisitors, {}, visitors));
      if (views !== undefined) out.push(sample(lc.pageViews, {}, views));
      return out;
    },
  },
  {
    name: 'ranking',
    paths: since('3.4', 'chats/ranking'),
    distribution: true,
    timezone: true,
    filters: ALL_FILTERS,
    optIn: true,
    parse(json, p) {
      const out: Sample[] = [];
      perAgent(json, 'ranking', p, (agent, read) => {
        const score = read('score');
        if (score !== undefined) out.push(sample(lc.agentRankingScore, { agent }, score));
        for (const rating of ['good', 'bad'] as const) {
          const n = read(rating);
          if (n !== undefined) out.push(sample(lc.agentRankingRatedChats, { agent, rating }, n));
        }
      });
      return out;
    },
  },
  {
    name: 'performance',
    paths: since('3.4', 'agents/performance'),
    distribution: true,
    timezone: true,
    filters: ['groups', 'agents'],
    optIn: true,
    parse(json, p) {
      const out: Sample[] = [];
      perAgent(json, 'performance', p, (agent, read) => {
        const push = (metric: MetricDef, field: string, labels: Record<string, string> = {}) => {
          const v = read(field);
          if (v !== undefined) out.push(sample(metric, { agent, ...labels }, v));
        };
        push(lc.agentChats, 'chats_count');
        push(lc.agentRatedChats, 'chats_rated_good', { rating: 'good' });
        push(lc.agentRatedChats, 'chats_rated_bad', { rating: 'bad' });
        const firstResponses = read('first_response_chats_count');
        if (firstResponses !== undefined) out.push(sample(lc.agentFirstResponseChats, { agent }, firstResponses));
        // An average over no first responses is no value, not 0 s.
        if (firstResponses !== undefined && firstResponses > 0)
          push(lc.agentFirstResponseTimeAvg, 'first_response_time');
        push(lc.agentAcceptingChats, 'accepting_chats_time');
        push(lc.agentNotAcceptingChats, 'not_accepting_chats_time');
        push(lc.agentLoggedIn, 'logged_in_time');
        push(lc.agentChatting, 'chatting_time');
      });
      return out;
    },
  },
];

/** The versions that have a report, for messages such as "available in 3.4, 3.5, 3.6". */
export function versionsOf(report: LiveChatReport): ApiVersion[] {
  return Object.keys(report.paths) as ApiVersion[];
}
