import type { Redactor } from '../log/createRedactor';
import { capLabelValue } from '../metrics/capLabelValue';
import type { Sample } from '../metrics/Sample';

type Labels = Readonly<Record<string, string>>;

/** Makes label values from upstream safe to export: secrets masked, length capped. */
export interface LabelSanitizer {
  /** The labels with each value masked and capped; the same object when nothing changed. */
  labels(labels: Labels): Labels;
  /**
   * The samples with their labels sanitized. Two samples of one metric that end
   * up with the same labels would be one series twice: the later is dropped and
   * reported through `problem`.
   */
  samples(samples: readonly Sample[], problem: (message: string) => void): readonly Sample[];
  /** Label values cut so far. */
  truncated(): number;
}

/**
 * Creates the sanitizer of one target: `redactor` masks its secrets (counting
 * them), then values over MAX_LABEL_VALUE_BYTES are cut (counted here). Applied
 * where upstream data enters the poller, so the snapshot, the pages and the
 * logs all see the sanitized values.
 */
export function createLabelSanitizer(redactor: Redactor): LabelSanitizer {
  let truncated = 0;
  const value = (v: string) => {
    const masked = redactor.mask(v);
    const capped = capLabelValue(masked);
    if (capped !== masked) truncated++;
    return capped;
  };
  const labels = (l: Labels): Labels => {
    let out: Record<string, string> | undefined;
    for (const k in l) {
      const v = value(l[k]!);
      if (v !== l[k]) (out ??= { ...l })[k] = v;
    }
    return out ?? l;
  };
  return {
    labels,
    samples(samples, problem) {
      let changed = false;
      const out = samples.map((s) => {
        const l = labels(s.labels);
        if (l === s.labels) return s;
        changed = true;
        return { ...s, labels: l };
      });
      if (!changed) return out;
      const seen = new Set<string>();
      return out.filter((s) => {
        const key = `${s.metric.name}\0${JSON.stringify(s.labels)}`;
        if (!seen.has(key)) return seen.add(key);
        problem(`two values of ${s.metric.name} have the same labels once masked or cut; the second was dropped`);
        return false;
      });
    },
    truncated: () => truncated,
  };
}
