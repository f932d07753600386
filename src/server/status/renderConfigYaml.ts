import { stringify } from 'yaml';
import type { Config } from '../../config/types';

/** Sets and maps as lists and objects; everything else as JSON would show it. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Set) return [...value];
  if (value instanceof Map) return Object.fromEntries(value);
  return value;
}

/**
 * The running config as YAML, for `/config`. It goes through JSON first so
 * that every `toJSON` applies whatever the YAML library does: a Secret then
 * reads `<secret from env:NAME>`, never its value. The checksum is left out:
 * it hashes the secret values, and a hash of a weak token can be guessed offline.
 */
export function renderConfigYaml(config: Config, version: string): string {
  // Identity first: the validated object lists the common settings before name, kind and url.
  const targets = config.targets.map(({ name, kind, url, ...rest }) => ({ name, kind, url, ...rest }));
  const data = JSON.parse(JSON.stringify({ targets }, plain)) as unknown;
  // The path is quoted as JSON so a strange file name cannot end the comment line.
  return `# livechat-exporter ${version}: the running configuration after validation and defaults
# (durations in milliseconds). Secrets show where they are read from, never their values.
# Loaded from ${JSON.stringify(config.file)}.
${stringify(data, { lineWidth: 0 })}`;
}
