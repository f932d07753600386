import type { Io } from './Io';
import { loadConfigOrReport } from './loadConfigOrReport';

/** What `--config.check` checks. */
export interface CheckOptions {
  readonly configFile: string;
  /** `--web.config.file`, checked as strictly as the server checks it at startup. */
  readonly webConfigFile: string | undefined;
  /** `--config.check.skip-secrets`: check secret references, read none. */
  readonly skipSecrets: boolean;
}

/** Checks the web config file; prints its problems and returns false, or returns true. */
async function checkWebConfigFile(file: string, skipSecrets: boolean, io: Io): Promise<boolean> {
  // Imported here: only a check with --web.config.file needs the web server's modules.
  const { loadWebConfig, WebConfigError } = await import('../web/index.js');
  try {
    await loadWebConfig(file, { skipFiles: skipSecrets });
  } catch (err) {
    if (!(err instanceof WebConfigError)) throw err;
    io.stderr(`${file}: invalid web configuration\n${err.problems.map((p) => `  ${p}\n`).join('')}`);
    return false;
  }
  io.stdout(`${file}: valid web configuration${skipSecrets ? ' (certificate and key files not read)' : ''}\n`);
  return true;
}

/**
 * `--config.check`: validates the config file and, when given, the web config file, with what the
 * server would refuse at startup; names the targets. Exit code 0 when both are valid, 1 otherwise.
 */
export async function runCheck(o: CheckOptions, io: Io): Promise<number> {
  const config = await loadConfigOrReport(o.configFile, io, { skipSecrets: o.skipSecrets });
  if (config) {
    const targets = config.targets.map((t) => `${t.name} (${t.kind})`).join(', ');
    const note = o.skipSecrets ? ' (secrets not read)' : '';
    io.stdout(`${o.configFile}: valid${note}, ${config.targets.length} target(s): ${targets}\n`);
  }
  const web = o.webConfigFile === undefined || (await checkWebConfigFile(o.webConfigFile, o.skipSecrets, io));
  return config && web ? 0 : 1;
}
