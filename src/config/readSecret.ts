import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ObjectReader } from './ObjectReader';
import { Secret } from './Secret';

/** Where secrets come from: the process environment and the config file's folder (for relative paths). */
export interface SecretContext {
  env: Readonly<Record<string, string | undefined>>;
  baseDir: string;
  /**
   * Check each reference's shape but read no env var and no file (`--config.check.skip-secrets`, for the CI
   * of a config repository where the secrets do not exist). The Secrets then hold no value: such a config is
   * for reporting only, never for polling.
   */
  skipSecrets?: boolean;
}

/**
 * Reads `{env: NAME}` or `{file: path}` at `key`. Inline values are refused on
 * purpose: a config file is often world-readable and gets pasted into tickets.
 */
export function readSecret(parent: ObjectReader, key: string, ctx: SecretContext, required = true): Secret | undefined {
  if (!parent.has(key)) {
    if (required) parent.problem(key, 'is required (use {env: VAR} or {file: /path})');
    return undefined;
  }
  // Any scalar is an inline secret (YAML reads an all-digit token as a number); never echo it.
  const raw = parent.raw(key);
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
    parent.problem(key, 'inline secrets are not accepted; use {env: VAR} or {file: /path}');
    return undefined;
  }
  const r = parent.object(key);
  if (!r) return undefined;
  const envName = r.string('env');
  const file = r.string('file');
  r.finish();
  if ((envName === undefined) === (file === undefined)) {
    r.problem(undefined, 'set exactly one of env or file');
    return undefined;
  }
  if (ctx.skipSecrets) return new Secret('', envName !== undefined ? `env:${envName}` : `file:${file!}`);
  if (envName !== undefined) {
    const v = ctx.env[envName];
    if (v === undefined || v === '') {
      r.problem('env', `environment variable ${envName} is not set`);
      return undefined;
    }
    return new Secret(v.trim(), `env:${envName}`);
  }
  const path = isAbsolute(file!) ? file! : resolve(ctx.baseDir, file!);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    r.problem('file', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    return undefined;
  }
  // Kubernetes and Docker secrets usually end with a newline that is not part of the token.
  const value = text.trim();
  if (value === '') {
    r.problem('file', `${path} is empty`);
    return undefined;
  }
  return new Secret(value, `file:${path}`);
}
