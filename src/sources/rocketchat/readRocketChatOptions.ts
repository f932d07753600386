import type { ObjectReader } from '../../config/ObjectReader';
import { readSecret, type SecretContext } from '../../config/readSecret';
import type { Secret } from '../../config/Secret';
import { ENDPOINTS } from './endpoints';

/** A department to poll: its id and the name used in the `department_name` label. */
export interface Department {
  readonly id: string;
  readonly name: string;
}

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

/** The aggregate's `department` label; discovered ids never take this value. */
export const ALL_DEPARTMENTS: Department = { id: 'all', name: 'All departments' };

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

  const enabled = new Set(ENDPOINTS.filter((e) => !e.optIn).map((e) => e.name));
  const e = r.object('endpoints');
  if (e) {
    for (const name of e.keys()) {
      const on = e.boolean(name);
      if (!ENDPOINTS.some((x) => x.name === name))
        e.problem(name, `unknown endpoint (known: ${ENDPOINTS.map((x) => x.name).join(', ')})`);
      else if (on === true) enabled.add(name);
      else if (on === false) enabled.delete(name);
    }
  }
  if (!userId || !token) return undefined;
  return { userId, token, departments, endpoints: enabled };
}
