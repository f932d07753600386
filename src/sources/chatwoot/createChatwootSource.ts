import type { TargetConfig, WindowSpec } from '../../config/types';
import type { Sample } from '../../metrics/Sample';
import { computeWindow } from '../../upstream/computeWindow';
import { UpstreamError } from '../../upstream/UpstreamError';
import type { Logger } from '../../log/Logger';
import type { SourceDeps } from '../SourceKind';
import type { BackgroundTask, Job, Source, TargetNotice } from '../Source';
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

/** What the operator should know on the status pages: endpoints enabled but not polled, and why. */
function notices(state: SourceState, endpoints: readonly ChatwootEndpoint[]): TargetNotice[] {
  const out: TargetNotice[] = [];
  const old = endpoints.filter((e) => !supported(e, state.facts)).map((e) => e.name);
  if (old.length)
    out.push({
      level: 'info',
      message: `Chatwoot ${state.facts.versionText ?? ''} does not have ${old.join(', ')}: not polled (see docs/chatwoot.md, Versions).`,
    });
  if (state.absent.size)
    out.push({
      level: 'warning',
      message: `The server answered ${[...state.absent].join(', ')} with its routing 404 (a fork, or a proxy not forwarding the path): not polled until the next discovery run.`,
    });
  return out;
}

/** What the discovery task learnt, read by the plan and the jobs. */
interface SourceState {
  facts: AccountFacts;
  discovered: boolean;
  /** Endpoints the server answered with its routing 404: not on this server, whatever its version says. */
  absent: Set<string>;
}

/** One job: its endpoint's request for one window or inbox, parsed with what discovery knows now. */
function endpointJob(
  state: SourceState,
  j: {
    ep: ChatwootEndpoint;
    key: string;
    query: Record<string, string>;
    extra: JobExtra;
    accountId: string;
    log: Logger;
  },
): Job {
  const { ep, query, extra } = j;
  const path = `/api/${ep.api}/accounts/${j.accountId}/${ep.path}`;
  const notFound = (err: unknown) => {
    // Forks and Cloud may report versions differently: a routing 404 means the path does not exist here.
    if (err instanceof UpstreamError && err.status === 404 && /Not Found$/.test(err.message)) {
      if (!state.absent.has(ep.name))
        j.log.warn('endpoint not found on this server; not polled until the next discovery', { endpoint: ep.name });
      state.absent.add(ep.name);
    }
    throw err;
  };
  return {
    key: j.key,
    endpoint: ep.name,
    labels: extra.window !== undefined ? { window: extra.window } : {},
    cycle: ep.cycle,
    run: async (ctx) => {
      const res = await ctx.http.request({ endpoint: ep.name, method: 'GET', path, query }, ctx.signal).catch(notFound);
      const { facts } = state;
      const p: ParseContext = {
        directory: facts.directory,
        zeroIsEmpty: facts.version !== undefined && !atLeast(facts.version, [3, 10, 0]),
        inbox: extra.inbox,
        warn: (m) => ctx.problem(m),
      };
      return ep.parse(res.json, p);
    },
  };
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
  const state: SourceState = { facts: EMPTY, discovered: false, absent: new Set() };

  const task: BackgroundTask = {
    name: 'discovery',
    schedule: o.discoverySchedule,
    endpoint: 'discovery',
    run: async (ctx) => {
      const next = await discoverAccount(ctx, o.accountId);
      const missing = endpoints.filter((e) => !supported(e, next)).map((e) => e.name);
      if (missing.length && next.versionText !== state.facts.versionText)
        log.info('endpoints this Chatwoot version does not have are not polled', {
          version: next.versionText,
          endpoints: missing.join(','),
        });
      state.facts = next;
      state.discovered = true;
      state.absent = new Set();
    },
  };

  const job = (ep: ChatwootEndpoint, key: string, query: Record<string, string>, extra: JobExtra): Job =>
    endpointJob(state, { ep, key, query, extra, accountId: o.accountId, log });

  return {
    tasks: [task],
    requestHeaders: () => ({ 'api-access-token': o.token.reveal() }),
    credentialHeaders: ['api-access-token'],
    decodeError: (status, json) => decodeChatwootError(status, json, deps.clock.now()),
    targetSamples: () => factSamples(state.facts, endpoints, state.discovered),
    notices: () => notices(state, endpoints),
    plan(now: number): Job[] {
      const jobs: Job[] = [];
      const windows = new Map(target.windows.map((w) => [w, windowQuery(now, w, target)] as const));
      const hours = o.businessHours ? { business_hours: 'true' } : undefined;
      for (const ep of endpoints) {
        if (!supported(ep, state.facts) || state.absent.has(ep.name)) continue;
        if (ep.perInbox) {
          for (const [id, name] of state.facts.directory.inboxes)
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
