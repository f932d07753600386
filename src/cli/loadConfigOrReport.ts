import { ConfigError } from '../config/ConfigError';
import { loadConfig } from '../config/loadConfig';
import type { Config } from '../config/types';
import { SOURCE_KINDS } from '../sources/sourceKinds';
import type { Io } from './Io';

/** Loads the config, or prints its problems (one per line, with YAML paths) and returns undefined. */
export async function loadConfigOrReport(
  file: string,
  io: Io,
  options: { skipSecrets?: boolean } = {},
): Promise<Config | undefined> {
  try {
    return await loadConfig(file, { env: io.env, kinds: SOURCE_KINDS, ...options });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`${file}: invalid configuration\n${err.problems.map((p) => `  ${p}\n`).join('')}`);
    return undefined;
  }
}
