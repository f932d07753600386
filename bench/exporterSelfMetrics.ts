/** One sample line of a text exposition: its label text (inside the braces) and value. */
interface SampleLine {
  readonly labels: string;
  readonly value: number;
}

/** The samples of family `name` (exact name) in a text exposition. */
function samplesOf(text: string, name: string): SampleLine[] {
  const out: SampleLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const close = rest.lastIndexOf('}');
    out.push({ labels: close > 0 ? rest.slice(1, close) : '', value: Number(rest.slice(rest.lastIndexOf(' ') + 1)) });
  }
  return out;
}

/** The value of label `key` in a label text (the bench's target names and cycles need no unescaping). */
const label = (labels: string, key: string) => new RegExp(`(?:^|,)${key}="([^"]*)"`).exec(labels)?.[1];

/** How one analytics cycle of every target went, from the exporter's own series. */
export interface CycleSpan {
  readonly targets: number;
  /** Targets that are up and whose last success is at or after `since`. */
  readonly succeeded: number;
  /** From the earliest target's cycle start to the latest's end, ms. */
  readonly wallMs: number;
  /** The longest single target's cycle, ms. */
  readonly maxTargetMs: number;
}

/**
 * Reads the last analytics cycle of every target from an exposition: each target's end is its
 * `last_success_timestamp_seconds`, its start that minus `poll_duration_seconds{cycle="analytics"}`;
 * the cycle's wall time is the latest end minus the earliest start.
 */
export function cycleSpan(text: string, sinceEpochMs: number): CycleSpan {
  const ends = new Map<string, number>();
  for (const s of samplesOf(text, 'livechat_exporter_last_success_timestamp_seconds'))
    ends.set(label(s.labels, 'target') ?? '', s.value * 1000);
  const durations = new Map<string, number>();
  for (const s of samplesOf(text, 'livechat_exporter_poll_duration_seconds'))
    if (label(s.labels, 'cycle') === 'analytics') durations.set(label(s.labels, 'target') ?? '', s.value * 1000);
  const up = samplesOf(text, 'livechat_exporter_up')
    .filter((s) => s.value === 1)
    .map((s) => label(s.labels, 'target'));
  let first = Infinity;
  let last = -Infinity;
  let maxTargetMs = 0;
  let succeeded = 0;
  for (const target of up) {
    const end = ends.get(target ?? '');
    const d = durations.get(target ?? '');
    if (end === undefined || d === undefined || end < sinceEpochMs) continue;
    succeeded++;
    first = Math.min(first, end - d);
    last = Math.max(last, end);
    maxTargetMs = Math.max(maxTargetMs, d);
  }
  return { targets: durations.size, succeeded, wallMs: last - first, maxTargetMs };
}

/** The sum of a family's samples (e.g. a counter over every target). */
export function familySum(text: string, name: string): number {
  return samplesOf(text, name).reduce((n, s) => n + s.value, 0);
}
