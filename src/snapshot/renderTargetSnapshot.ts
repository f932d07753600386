import type { MetricDef } from '../metrics/MetricDef';
import { formatExpositionLabels, formatValue, sampleLine } from '../metrics/renderExposition';
import type { Sample } from '../metrics/Sample';
import { self } from '../metrics/selfMetrics';
import type { TargetSnapshot } from './createSnapshotStore';

/** The last outcome of one job (endpoint × department × window), as the snapshot needs it. */
export interface JobOutcome {
  readonly endpoint: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly samples: readonly Sample[];
  /** When the job last succeeded (epoch ms); undefined if it never did. */
  readonly refreshedAt: number | undefined;
}

/** Budget use of one endpoint the target has called. */
export interface EndpointBudget {
  readonly endpoint: string;
  readonly used: number;
  readonly limit: number | undefined;
  readonly periodMs: number | undefined;
  readonly deferred: number;
}

/** Everything a target's exposition is made of, at one instant. */
export interface TargetSnapshotInput {
  readonly target: string;
  /** The target's static labels, appended to every series. */
  readonly staticLabels: Readonly<Record<string, string>>;
  readonly maxStalenessMs: number;
  readonly now: number;
  /** When the exporter started polling the target (epoch ms): never-refreshed groups have waited since then. */
  readonly startedAt: number;
  /** In plan order, so the exposition is stable whatever order the requests finished in. */
  readonly jobs: readonly JobOutcome[];
  /** Samples about the target that belong to no job (e.g. API lifecycle headers). */
  readonly targetSamples: readonly Sample[];
  readonly up: boolean | undefined;
  readonly lastSuccess: number | undefined;
  /** Each cycle's last duration (ms), in cycle order. */
  readonly lastDurationMs: readonly (readonly [cycle: string, ms: number])[];
  readonly overlaps: number;
  /** Values masked because they held a secret, so far. */
  readonly secretsMasked: number;
  /** Label values cut to the length cap, so far. */
  readonly labelValuesTruncated: number;
  /** Cycles cut at their deadline, by cycle, for each cycle that has run. */
  readonly deadlinesExceeded: readonly (readonly [cycle: string, count: number])[];
  readonly authBlocked: boolean;
  /** Endpoints refused on their own (403), sorted. */
  readonly blockedEndpoints: readonly string[];
  /** Sorted by endpoint, then code. */
  readonly requests: readonly (readonly [endpoint: string, code: string, count: number])[];
  /** Sorted by endpoint, then reason. */
  readonly errors: readonly (readonly [endpoint: string, reason: string, count: number])[];
  /** Sorted by endpoint. */
  readonly budgets: readonly EndpointBudget[];
}

type Labels = Readonly<Record<string, string>>;

/** True when `labels` has a key `other` has too (the merge would then keep the first position, the last value). */
function repeatsKey(labels: Labels, other: Labels): boolean {
  for (const k in labels) if (Object.prototype.hasOwnProperty.call(other, k)) return true;
  return false;
}

/** Collects sample lines per family; lines are joined once, since appending line by line builds deep rope strings. */
function createLineSink(staticLabels: Labels) {
  const lines = new Map<MetricDef, string[]>();
  const push = (def: MetricDef, line: string) => {
    const list = lines.get(def);
    if (list) list.push(line);
    else lines.set(def, [line]);
  };
  return {
    push,
    /** A sample with `labels` first and the target's static labels last; non-finite values are skipped. */
    add(def: MetricDef, labels: Labels, value: number) {
      if (Number.isFinite(value)) push(def, sampleLine(def, { ...labels, ...staticLabels }, value) + '\n');
    },
    families(): TargetSnapshot {
      const families = new Map<MetricDef, string>();
      for (const [def, list] of lines) families.set(def, list.join(''));
      return { families };
    },
  };
}

type LineSink = ReturnType<typeof createLineSink>;

/** A fresh job's samples: labels are formatted once per job, since they are the same on each of its samples. */
function renderJobSamples(out: LineSink, input: TargetSnapshotInput, job: JobOutcome): void {
  const jobLabels: Record<string, string> = { target: input.target, ...job.labels };
  const head = formatExpositionLabels(jobLabels).slice(1, -1);
  const staticPart = formatExpositionLabels(input.staticLabels).slice(1, -1);
  for (const s of job.samples) {
    if (!Number.isFinite(s.value)) continue;
    // Merging the objects gives the same pairs in the same order as long as no key repeats, which the config
    // and the label lists guarantee; a repeat (first position, last value) takes the general path.
    if (
      repeatsKey(s.labels, jobLabels) ||
      repeatsKey(input.staticLabels, jobLabels) ||
      repeatsKey(input.staticLabels, s.labels)
    ) {
      out.add(s.metric, { ...jobLabels, ...s.labels }, s.value);
      continue;
    }
    const own = formatExpositionLabels(s.labels).slice(1, -1);
    out.push(
      s.metric,
      `${s.metric.name}{${head}${own && `,${own}`}${staticPart && `,${staticPart}`}} ${formatValue(s.value)}\n`,
    );
  }
}

/**
 * Data series of the jobs fresh enough to show, and every job's refresh
 * timestamp: 0 for a job never refreshed, so that each configured group has
 * one from the start (its age then counts from the target's start time).
 */
function renderJobs(out: LineSink, input: TargetSnapshotInput): void {
  const t = input.target;
  for (const job of input.jobs) {
    if (job.refreshedAt !== undefined && input.now - job.refreshedAt <= input.maxStalenessMs)
      renderJobSamples(out, input, job);
    const { department = '', department_name = '', window = '' } = job.labels;
    out.add(
      self.dataRefresh,
      { target: t, endpoint: job.endpoint, department, department_name, window },
      (job.refreshedAt ?? 0) / 1000,
    );
  }
}

/** The exporter's own per-target series: health, counters and budget use. */
function renderSelf(out: LineSink, input: TargetSnapshotInput): void {
  const t = { target: input.target };
  if (input.up !== undefined) out.add(self.up, t, input.up ? 1 : 0);
  if (input.lastSuccess !== undefined) out.add(self.lastSuccess, t, input.lastSuccess / 1000);
  out.add(self.targetStart, t, input.startedAt / 1000);
  for (const [cycle, ms] of input.lastDurationMs) out.add(self.pollDuration, { ...t, cycle }, ms / 1000);
  out.add(self.overlaps, t, input.overlaps);
  out.add(self.secretsMasked, t, input.secretsMasked);
  out.add(self.labelValuesTruncated, t, input.labelValuesTruncated);
  for (const [cycle, n] of input.deadlinesExceeded) out.add(self.deadlineExceeded, { ...t, cycle }, n);
  out.add(self.maxStaleness, t, input.maxStalenessMs / 1000);
  if (input.authBlocked) out.add(self.authBlocked, { ...t, endpoint: '*' }, 1);
  for (const endpoint of input.blockedEndpoints) out.add(self.authBlocked, { ...t, endpoint }, 1);
  for (const [endpoint, code, n] of input.requests) out.add(self.requests, { ...t, endpoint, code }, n);
  for (const [endpoint, reason, n] of input.errors) out.add(self.errors, { ...t, endpoint, reason }, n);
  for (const b of input.budgets) {
    const labels = { ...t, endpoint: b.endpoint };
    out.add(self.budgetUsed, labels, b.used);
    if (b.limit !== undefined) out.add(self.budgetLimit, labels, b.limit);
    if (b.periodMs !== undefined) out.add(self.budgetPeriod, labels, b.periodMs / 1000);
    out.add(self.budgetDeferred, labels, b.deferred);
  }
}

/**
 * Renders one target's exposition lines, per family: a pure function of the
 * target's state, so the same state always gives the same bytes. Data of a job
 * older than `maxStalenessMs` is left out; its refresh timestamp stays, so the
 * stale-data alert sees it.
 */
export function renderTargetSnapshot(input: TargetSnapshotInput): TargetSnapshot {
  const out = createLineSink(input.staticLabels);
  renderJobs(out, input);
  for (const s of input.targetSamples) out.add(s.metric, { target: input.target, ...s.labels }, s.value);
  renderSelf(out, input);
  return out.families();
}
