/**
 * Remembers a pure check per input string. Validating a cron expression or a timezone costs about
 * 0.1 ms (node-cron and Intl build formatters), and a config of 500 targets repeats the same few
 * values per target. Bounded, so reloads with ever new values cannot grow it.
 */
export function memoizePure<T>(check: (s: string) => T, max = 1000): (s: string) => T {
  const known = new Map<string, T>();
  return (s) => {
    if (known.has(s)) return known.get(s)!;
    if (known.size >= max) known.clear();
    const v = check(s);
    known.set(s, v);
    return v;
  };
}
