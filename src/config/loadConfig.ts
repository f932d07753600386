import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './ConfigError';
import { fastParseYaml } from './fastParseYaml';
import type { KindSchemas } from './KindSchema';
import type { Config } from './types';
import { validateConfig } from './validateConfig';

/** What loading a config needs: the environment (for `{env: X}` secrets) and the kinds it may name. */
export interface LoadDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly kinds: KindSchemas;
  /** Validate secret references without reading them (see SecretContext.skipSecrets). */
  readonly skipSecrets?: boolean;
}

/** Reads, parses and validates a config file; throws ConfigError with one line per problem. */
export async function loadConfig(file: string, deps: LoadDeps): Promise<Config> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`${file}: cannot read config file (${(err as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  return parseConfig(text, { ...deps, file: path });
}

/** Parses and validates config text (YAML). */
export function parseConfig(text: string, deps: LoadDeps & { readonly file: string }): Config {
  // The fast parser declines whatever `yaml` might read or report differently; `yaml` then decides.
  const fast = fastParseYaml(text);
  return validateConfig(fast ? fast.value : parseWithYaml(text, deps.file), {
    env: deps.env,
    kinds: deps.kinds,
    baseDir: dirname(deps.file),
    ...(deps.skipSecrets && { skipSecrets: true }),
    text,
    file: deps.file,
  });
}

/** Parses with `yaml`'s Document, whose errors carry positions: each syntax error names its line:col. */
function parseWithYaml(text: string, file: string): unknown {
  // Loaded here, not at the top: most loads never get here, and loading yaml costs startup time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  // Without prettyErrors the errors carry only offsets; the line counter turns them into line:col.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        return `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: YAML syntax error: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}
