/**
 * Replaces Grafana template variables in a query: `$name`, `${name}`,
 * `${name:format}` and `[[name]]`. An unknown variable throws, so a typo in a
 * dashboard fails the test instead of reaching Prometheus as a literal `$`.
 */
export function substituteVariables(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)/g,
    (m, a: string | undefined, b: string | undefined, c: string | undefined) => {
      const name = (a ?? b ?? c)!;
      if (!Object.prototype.hasOwnProperty.call(values, name))
        throw new Error(`unknown template variable ${m} in ${text}`);
      return values[name]!;
    },
  );
}
