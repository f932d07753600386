/** Where the process writes and what it reads from its environment; injected so tests can run main() in-process. */
export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** The process environment; only the entry point reads `process.env`, everything else gets it from here. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Called once the server listens and the config is applied, with its base URL (e.g. for a banner). */
  readonly onListening?: (baseUrl: string) => void;
}
