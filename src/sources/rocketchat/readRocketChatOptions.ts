import type { ObjectReader } from '../../config/ObjectReader';
import { readSecret, type SecretContext } from '../../config/readSecret';
import type { Secret } from '../../config/Secret';
import { ALL_DEPARTMENTS, type Department } from './Department';
import { ENDPOINTS } from './endpoints';
import { LIVE_ENDPOINTS } from './liveEndpoints';

/** The Rocket.Chat-specific part of a target's config. */
export interface RocketChatOptions {
  readonly userId: Secret;
  readonly token: Secret;
  /** Explicit departments, or discovery settings; with neither, only the all-departments aggregate is polled. */
  readonly departments:
    | { readonly mode: 'none' }
    | { readonly mode: 'list'; readonly list: readonly Department[] }
    | { readonly mode: 'discover'; readonly schedule: string; readonly includeDisabled: boolean };
  /** Names of the endpoints to poll. */
  readonly endpoints: ReadonlySet<string>;
}

/** Reads `auth`, `departments` and `endpoints` of a `kind: rocketchat` target. */
export function readRocketChatOptions(r: ObjectReader, secrets: SecretContext): RocketChatOptions | undefined {
  const auth = r.object('auth');
  if (!r.has('auth')) r.problem('auth', 'is required ({user_id: {env|file}, token: {env|file}})');
  const userId = auth && readSecret(auth, 'user_id', secrets);
  const token = auth && readSecret(auth, 'token', secrets);
  auth?.finish();

  let departments: RocketChatOptions['departments'] = { mode: 'none' };
  const d = r.object('departments');
  if (d) {
    const ids = d.list('ids');
    const discover = d.boolean('discover');
    const schedule = d.cron('schedule');
    const includeDisabled = d.boolean('include_disabled');
    if (ids && discover) d.problem(undefined, 'set either ids or discover: true, not both');
    else if (ids) {
      const list: Department[] = [];
      const seen = new Set<string>();
      for (const { value, path } of ids) {
        let dep: Department | undefined;
        if (typeof value === 'string' && value !== '') dep = { id: value, name: value };
        else if (value && typeof value === 'object' && !Array.isArray(value)) {
          const { id, name, ...rest } = value as Record<string, unknown>;
          for (const k of Object.keys(rest)) r.problems.push(`${path}.${k}: unknown key`);
          if (typeof id === 'string' && id !== '') dep = { id, name: typeof name === 'string' ? name : id };
          else r.problems.push(`${path}.id: is required`);
        } else r.problems.push(`${path}: expected a department id or {id, name}`);
        if (!dep) continue;
        if (dep.id === ALL_DEPARTMENTS.id)
          r.problems.push(`${path}: "all" is reserved for the all-departments aggregate`);
        else if (seen.has(dep.id)) r.problems.push(`${path}: duplicate department ${JSON.stringify(dep.id)}`);
        else list.push(dep);
        seen.add(dep.id);
      }
      if (schedule !== undefined || includeDisabled !== undefined)
        d.problem(undefined, 'schedule and include_disabled apply only with discover: true');
      departments = { mode: 'list', list };
    } else if (discover) {
      departments = {
        mode: 'discover',
        schedule: schedule ?? '*/15 * * * *',
        includeDisabled: includeDisabled ?? false,
      };
    } else if (discover === false && (schedule !== undefined || includeDisabled !== undefined)) {
      d.problem(undefined, 'schedule and include_disabled apply only with discover: true');
    }
    d.finish();
  }

  // Windowed dashboards and live-state routes share one `endpoints:` map: a name is a config key and a label.
  const all = [...ENDPOINTS, ...LIVE_ENDPOINTS];
  const enabled = new Set(all.filter((e) => !e.optIn).map((e) => e.name));
  const e = r.object('endpoints');
  if (e) {
    for (const name of e.keys()) {
      const on = e.boolean(name);
      if (!all.some((x) => x.name === name))
        e.problem(name, `unknown endpoint (known: ${all.map((x) => x.name).join(', ')})`);
      else if (on === true) enabled.add(name);
      else if (on === false) enabled.delete(name);
    }
  }
  if (!userId || !token) return undefined;
  return { userId, token, departments, endpoints: enabled };
}
