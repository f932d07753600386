/**
 * A web config file that failed validation; `problems` holds one line per problem,
 * each naming its YAML path (e.g. `tls_server_config.min_versoin: unknown key`). All
 * problems are collected so an operator fixes the file in one pass.
 */
export class WebConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    /** The file the problems are in, when known. */
    readonly file?: string,
  ) {
    super(
      problems.length === 1
        ? (problems[0] ?? '')
        : `${problems.length} web config problems:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'WebConfigError';
  }
}
