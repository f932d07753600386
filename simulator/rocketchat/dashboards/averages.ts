/** Arithmetic mean; 0 for no values. */
export const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Unweighted mean of per-department values: how RC averages when no departmentId is given
 * (docs/upstream/rocketchat.md §7.5).
 */
export const perDepartmentMean = (groups: Map<string, number>): number => mean([...groups.values()]);

/** A running sum and count per department. */
export type SumsByDepartment = Map<string, { sum: number; n: number }>;

/** Adds `value` to the department's running sum. */
export function addToDepartment(sums: SumsByDepartment, departmentId: string, value: number): void {
  const g = sums.get(departmentId) ?? { sum: 0, n: 0 };
  g.sum += value;
  g.n++;
  sums.set(departmentId, g);
}

/** Each department's average, rounded up to whole seconds as Rocket.Chat's $ceil does. */
export const ceilAverages = (sums: SumsByDepartment): Map<string, number> =>
  new Map([...sums].map(([k, g]) => [k, Math.ceil(g.sum / g.n)]));
