import type { TargetConfig } from '../../config/types';
import type { Logger } from '../../log/Logger';
import type { Sample } from '../../metrics/Sample';
import { computeWindow } from '../../upstream/computeWindow';
import { UpstreamError } from '../../upstream/UpstreamError';
import type { SourceDeps } from '../SourceKind';
import type { BackgroundTask, Job, JobContext, Source } from '../Source';
import { decodeRocketChatError } from './decodeRocketChatError';
import { discoverDepartments } from './discoverDepartments';
import { ENDPOINTS, type ParseContext } from './endpoints';
import { rc } from './metrics';
import { ALL_DEPARTMENTS, type Department, type RocketChatOptions } from './readRocketChatOptions';

/**
 * The departments discovery found, less one whose id clashes with the
 * aggregate's; logs what changed since `current` (debug), or the first list.
 */
function adoptDiscovered(
  found: Department[],
  current: readonly Department[],
  first: boolean,
  log: Logger,
): Department[] {
  if (found.some((d) => d.id === ALL_DEPARTMENTS.id))
    log.warn('department id "all" clashes with the aggregate label and is skipped');
  const next = found.filter((d) => d.id !== ALL_DEPARTMENTS.id);
  const before = new Set(current.map((d) => d.id));
  const added = next.filter((d) => !before.has(d.id)).length;
  const removed = before.size - (next.length - added);
  if (added > 0 || removed > 0 || first)
    log.debug('departments discovered', { departments: next.length, added, removed });
  return next;
}

/** Builds the Rocket.Chat source of one target: one job per endpoint × department × window. */
export function createRocketChatSource(target: TargetConfig<RocketChatOptions>, deps: SourceDeps): Source {
  const o = target.options;
  let departments: readonly Department[] = o.departments.mode === 'list' ? o.departments.list : [];
  let discovered: number | undefined;
  const log = deps.logger.child({ target: target.name });

  const parseContext = (ctx: JobContext): ParseContext => ({
    departmentIdByName: (name) => departments.find((d) => d.name === name)?.id,
    warn: (message) => ctx.problem(message),
  });

  const tasks: BackgroundTask[] = [];
  if (o.departments.mode === 'discover') {
    const settings = o.departments;
    tasks.push({
      name: 'department-discovery',
      schedule: settings.schedule,
      endpoint: 'livechat-department',
      run: async (ctx) => {
        const found = await discoverDepartments(ctx, { includeDisabled: settings.includeDisabled });
        departments = adoptDiscovered(found, departments, discovered === undefined, log);
        discovered = found.length;
      },
    });
  }

  return {
    tasks,
    requestHeaders: () => ({ 'X-User-Id': o.userId.reveal(), 'X-Auth-Token': o.token.reveal() }),
    credentialHeaders: ['x-user-id', 'x-auth-token'],
    decodeError: decodeRocketChatError,
    targetSamples: (): Sample[] =>
      discovered === undefined ? [] : [{ metric: rc.departments, labels: {}, value: discovered }],
    plan(now: number): Job[] {
      const jobs: Job[] = [];
      // Once per window, not per department × endpoint: the timezone math is the costly part of planning.
      const bounds = new Map(
        target.windows.map((w) => {
          const { start, end } = computeWindow(now, w, target);
          return [w, { start: start.toISOString(), end: end.toISOString() }] as const;
        }),
      );
      for (const ep of ENDPOINTS) {
        if (!o.endpoints.has(ep.name)) continue;
        const deps = ep.scope === 'department' ? [ALL_DEPARTMENTS, ...departments] : [ALL_DEPARTMENTS];
        const windows = ep.windowed ? target.windows : [undefined];
        for (const dep of deps) {
          for (const w of windows) {
            const query: Record<string, string> = w ? { ...bounds.get(w)! } : {};
            if (dep !== ALL_DEPARTMENTS) query.departmentId = dep.id;
            const labels: Record<string, string> =
              ep.scope === 'department' ? { department: dep.id, department_name: dep.name } : {};
            if (w) labels.window = w.label;
            const key = `${ep.name}|${dep.id}|${w?.label ?? ''}`;
            jobs.push({
              key,
              endpoint: ep.name,
              labels,
              run: async (ctx) => {
                const res = await ctx.http.request(
                  { endpoint: ep.name, method: 'GET', path: ep.path, query },
                  ctx.signal,
                );
                const json = res.json;
                if (json === null || typeof json !== 'object' || Array.isArray(json))
                  throw new UpstreamError('parse', `${ep.name}: expected a JSON object`);
                return ep.parse(json as Record<string, unknown>, parseContext(ctx));
              },
            });
          }
        }
      }
      return jobs;
    },
  };
}
