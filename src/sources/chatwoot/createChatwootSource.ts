import type { TargetConfig, WindowSpec } from '../../config/types';
import type { Sample } from '../../metrics/Sample';
import { computeWindow } from '../../upstream/computeWindow';
import { UpstreamError } from '../../upstream/UpstreamError';
import type { SourceDeps } from '../SourceKind';
import type { BackgroundTask, Job, Source } from '../Source';
import { decodeChatwootError } from './decodeChatwootError';
import { discoverAccount, type AccountFacts } from './discoverAccount';
import { ENDPOINTS, type ChatwootEndpoint, type ParseContext } from './endpoints';
import { cw } from './metrics';
import { atLeast } from './parseValues';
import type { ChatwootOptions } from './readChatwootOptions';

/** What a job adds to its endpoint: its window label or its inbox. */
interface JobExtra {
  readonly window?: string;
  readonly inbox?: { readonly id: string; readonly name: string };
}

const EMPTY: AccountFacts = {
  version: undefined,
  versionText: undefined,
  directory: { inboxes: new Map(), teams: new Map(), agents: new Map(), labels: new Map() },
};

/** Whether the server has the endpoint; an unknown version polls everything (a 404 then tells). */
function supported(ep: ChatwootEndpoint, facts: AccountFacts): boolean {
  return facts.version === undefined || atLeast(facts.version, ep.since);
}

/** since/until of a window as Chatwoot takes them: epoch seconds, end exclusive (docs/upstream/chatwoot.md §4.1). */
function windowQuery(now: number, w: WindowSpec, target: TargetConfig): Record<string, string> {
  const { start, end } = computeWindow(now, w, target);
  return { since: String(Math.floor(start.getTime() / 1000)), until: String(Math.floor(end.getTime() / 1000)) };
}

/** The target samples: what the server said it is, which endpoints it has, and what discovery found. */
function factSamples(facts: AccountFacts, endpoints: readonly ChatwootEndpoint[], discovered: boolean): Sample[] {
  if (!discovered) return [];
  const out: Sample[] = [];
  if (facts.versionText !== undefined)
    out.push({ metric: cw.serverInfo, labels: { version: facts.versionText }, value: 1 });
  if (facts.version !== undefined)
    for (const ep of endpoints)
      out.push({ metric: cw.endpointSupported, labels: { endpoint: ep.name }, value: supported(ep, facts) ? 1 : 0 });
  for (const [object, map] of Object.entries(facts.directory))
    out.push({ metric: cw.discovered, labels: { object }, value: (map as ReadonlyMap<string, string>).size });
  return out;
}

/**
 * Builds the Chatwoot source of one target. A background task reads the version, checks once that the
 * token may read reports, and discovers inboxes, teams, agents and labels; the live cycle asks the live
 * reports (and, opted in, conversations/meta per inbox), the analytics cycle the summaries per window.
 * Only endpoints the server's version has are planned, and timezone_offset is never sent (§4.5).
 */
export function createChatwootSource(target: TargetConfig<ChatwootOptions>, deps: SourceDeps): Source {
  const o = target.options;
  const log = deps.logger.child({ target: target.name });
  const endpoints = ENDPOINTS.filter((e) => o.endpoints.includes(e.name));
  const base = `/api/v1/accounts/${o.accountId}/`;
  let facts = EMPTY;
  let discovered = false;
  /** Endpoints the server answered with its routing 404: not on this server, whatever its version says. */
  let absent = new Set<string>();

  const task: BackgroundTask = {
    name: 'discovery',
    schedule: o.discoverySchedule,
    endpoint: 'discovery',
    run: async (ctx) => {
      const next = await discoverAccount(ctx, o.accountId);
      const missing = endpoints.filter((e) => !supported(e, next)).map((e) => e.name);
      if (missing.length && next.versionText !== facts.versionText)
        log.info('endpoints this Chatwoot version does not have are not polled', {
          version: next.versionText,
          endpoints: missing.join(','),
        });
      facts = next;
      discovered = true;
      absent = new Set();
    },
  };

  function job(ep: ChatwootEndpoint, key: string, query: Record<string, string>, extra: JobExtra): Job {
    const path = (ep.api === 'v1' ? base : base.replace('/v1/', '/v2/')) + ep.path;
    const labels: Record<string, string> = extra.window !== undefined ? { window: extra.window } : {};
    return {
      key,
      endpoint: ep.name,
      labels,
      cycle: ep.cycle,
      run: async (ctx) => {
        const res = await ctx.http
          .request({ endpoint: ep.name, method: 'GET', path, query }, ctx.signal)
          .catch((err) => {
            // Forks and Cloud may report versions differently: a routing 404 means the path does not exist here.
            if (err instanceof UpstreamError && err.status === 404 && /Not Found$/.test(err.message)) {
              if (!absent.has(ep.name))
                log.warn('endpoint not found on this server; not polled until the next discovery', {
                  endpoint: ep.name,
                });
              absent.add(ep.name);
            }
            throw err;
          });
        const zeroIsEmpty = facts.version !== undefined && !atLeast(facts.version, [3, 10, 0]);
        const p: ParseContext = {
          directory: facts.directory,
          zeroIsEmpty,
          inbox: extra.inbox,
          warn: (m) => ctx.problem(m),
        };
        return ep.parse(res.json, p);
      },
    };
  }

  return {
    tasks: [task],
    requestHeaders: () => ({ 'api-access-token': o.token.reveal() }),
    decodeError: (status, json) => decodeChatwootError(status, json, deps.clock.now()),
    targetSamples: () => factSamples(facts, endpoints, discovered),
    plan(now: number): Job[] {
      const jobs: Job[] = [];
      const windows = new Map(target.windows.map((w) => [w, windowQuery(now, w, target)] as const));
      const hours = o.businessHours ? { business_hours: 'true' } : undefined;
      for (const ep of endpoints) {
        if (!supported(ep, facts) || absent.has(ep.name)) continue;
        if (ep.perInbox) {
          for (const [id, name] of facts.directory.inboxes)
            jobs.push(job(ep, `${ep.name}|${id}`, { ...ep.query, inbox_id: id }, { inbox: { id, name } }));
        } else if (ep.windowed) {
          for (const w of target.windows)
            jobs.push(
              job(ep, `${ep.name}|${w.label}`, { ...ep.query, ...windows.get(w), ...hours }, { window: w.label }),
            );
        } else jobs.push(job(ep, ep.name, { ...ep.query }, {}));
      }
      return jobs;
    },
  };
}
