import { parse } from 'yaml';

/** One rule of a Prometheus rules file. */
export interface PromRule {
  readonly group: string;
  /** The alert or recorded series name. */
  readonly name: string;
  readonly kind: 'alert' | 'record';
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The rules of a Prometheus rules file, in file order. */
export function loadRules(yamlText: string): PromRule[] {
  const doc = parse(yamlText) as { groups: { name: string; rules: Record<string, unknown>[] }[] };
  return doc.groups.flatMap((g) =>
    g.rules.map((r): PromRule => ({
      group: g.name,
      name: String(r.alert ?? r.record),
      kind: r.alert !== undefined ? 'alert' : 'record',
      expr: String(r.expr),
      ...(typeof r.for === 'string' && { for: r.for }),
      labels: (r.labels ?? {}) as Record<string, string>,
      annotations: (r.annotations ?? {}) as Record<string, string>,
    })),
  );
}
