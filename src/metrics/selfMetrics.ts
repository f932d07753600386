import { selfMetric, type MetricDef } from './MetricDef';

/** The exporter's per-target metrics, rendered into each target's snapshot so they vanish with the target. */
export const self = {
  up: selfMetric(
    'gauge',
    'up',
    "1 when every upstream request of the target's last poll cycle of each kind succeeded, and the cycle running now has had no failure and is within its deadline; 0 otherwise, or while the upstream refuses the credentials (docs/metrics.md).",
    ['target'],
  ),
  lastSuccess: selfMetric(
    'gauge',
    'last_success_timestamp_seconds',
    "Unix time the target's last fully successful poll cycle ended.",
    ['target'],
  ),
  pollDuration: selfMetric(
    'gauge',
    'poll_duration_seconds',
    "Wall time of the target's last poll cycle, by cycle: analytics (schedule) or live (live_schedule).",
    ['target', 'cycle'],
  ),
  overlaps: selfMetric(
    'counter',
    'poll_overlaps_skipped_total',
    'Poll cycles skipped because the previous cycle of the target was still running.',
    ['target'],
  ),
  deadlineExceeded: selfMetric(
    'counter',
    'poll_deadline_exceeded_total',
    'Poll cycles cut at their deadline (the schedule\'s interval, less a tenth of it up to 1 s): requests still in flight were abandoned and counted as errors with reason="deadline", jobs not yet started were carried over.',
    ['target', 'cycle'],
  ),
  secretsMasked: selfMetric(
    'counter',
    'secrets_masked_total',
    "Texts from upstream (label values, error messages, request URLs) in which a form of the target's secrets was masked: the secret itself or an encoding the exporter sends, such as the Authorization value.",
    ['target'],
  ),
  labelValuesTruncated: selfMetric(
    'counter',
    'label_values_truncated_total',
    'Label values from upstream longer than 1 KiB, cut to it with a visible marker and a hash of the whole value.',
    ['target'],
  ),
  requests: selfMetric(
    'counter',
    'upstream_requests_total',
    'Upstream HTTP requests by endpoint and status code (code="none" when no response arrived).',
    ['target', 'endpoint', 'code'],
  ),
  errors: selfMetric(
    'counter',
    'errors_total',
    'Failed upstream requests and unparsable values by reason: timeout, deadline, network, redirect, http_4xx, http_5xx, rate_limited, parse, auth (docs/metrics.md says what each means).',
    ['target', 'endpoint', 'reason'],
  ),
  budgetUsed: selfMetric(
    'gauge',
    'budget_used_requests',
    'Requests made to the endpoint within the current budget period, at the end of the last cycle.',
    ['target', 'endpoint'],
  ),
  budgetLimit: selfMetric(
    'gauge',
    'budget_limit_requests',
    'Requests the budget allows per period for the endpoint (absent when unlimited).',
    ['target', 'endpoint'],
  ),
  budgetPeriod: selfMetric(
    'gauge',
    'budget_period_seconds',
    "Length of the endpoint's budget period (absent when unlimited).",
    ['target', 'endpoint'],
  ),
  budgetDeferred: selfMetric(
    'counter',
    'budget_deferred_total',
    "Refreshes carried over to a later cycle because the endpoint's budget was used up.",
    ['target', 'endpoint'],
  ),
  maxStaleness: selfMetric(
    'gauge',
    'max_staleness_seconds',
    "The target's max_staleness setting: series whose data is older are dropped. Alert on data age above it.",
    ['target'],
  ),
  authBlocked: selfMetric(
    'gauge',
    'auth_blocked',
    'Present (value 1) while the upstream refuses the exporter\'s credentials and the exporter no longer calls it: endpoint="*" for the whole target (401), or one endpoint (403). A reload lifts it.',
    ['target', 'endpoint'],
  ),
  dataRefresh: selfMetric(
    'gauge',
    'data_refresh_timestamp_seconds',
    'Unix time each series group was last refreshed from upstream, 0 while it never was; every configured group has one from the start. Its data age is time() minus this, or minus target_start_time_seconds when 0 (the livechat_exporter:data_age_seconds rule).',
    ['target', 'endpoint', 'department', 'department_name', 'window'],
  ),
  targetStart: selfMetric(
    'gauge',
    'target_start_time_seconds',
    'Unix time the exporter started polling the target: at startup, or at the reload that last changed it (which starts it afresh). Groups never refreshed have waited since then.',
    ['target'],
  ),
} satisfies Record<string, MetricDef>;

export const selfMetricList: readonly MetricDef[] = Object.values(self);

/** Process-wide metrics kept in prom-client (not per target); listed here for the catalogue. */
export const processMetrics = {
  buildInfo: selfMetric(
    'gauge',
    'build_info',
    'A metric with constant value 1, labelled with the version of livechat-exporter and of Node.js.',
    ['version', 'nodejs'],
  ),
  reloadSuccess: selfMetric(
    'gauge',
    'config_last_reload_successful',
    'Whether the last configuration reload attempt was successful.',
    [],
  ),
  reloadTimestamp: selfMetric(
    'gauge',
    'config_last_reload_success_timestamp_seconds',
    'Unix time of the last successful configuration reload.',
    [],
  ),
  shardOrdinal: selfMetric(
    'gauge',
    'shard_ordinal',
    "This process' shard (--shard, or the ordinal of --pod), 0 to total_shards - 1; 0 when not sharded.",
    [],
  ),
  totalShards: selfMetric(
    'gauge',
    'total_shards',
    "Number of shards the config's targets are divided among (--total-shards); 1 when not sharded.",
    [],
  ),
  shardTargets: selfMetric(
    'gauge',
    'shard_targets',
    'Targets of the running config this process owns, polls and serves: those whose name hashes to its shard (all when not sharded).',
    [],
  ),
} satisfies Record<string, MetricDef>;
