import { Router, type Response } from 'express';
import type { ConfigView } from '../../config/types';
import type { ReloadOutcome } from '../../exporter/createReloader';
import type { ShardStatus } from '../../exporter/Shard';
import { html, renderPage } from './html';
import { renderConfigYaml } from './renderConfigYaml';
import { renderStatusPage } from './renderStatusPage';
import { renderTargetPage } from './renderTargetPage';
import type { StatusTargetState, TargetView } from './TargetView';

/** What the status pages read; all of it is in memory, a page view never calls an upstream. */
export interface StatusDeps {
  /**
   * The running targets, in config order (the exporter's `states()`); their parsed
   * values may be left out, since only a target's own page shows them. The answer
   * may come from the polling thread, hence the promise.
   */
  readonly states: () => readonly StatusTargetState[] | Promise<readonly StatusTargetState[]>;
  /** One target's state with its parsed values; default: looked up in `states()`. */
  readonly state?: (name: string) => StatusTargetState | undefined | Promise<StatusTargetState | undefined>;
  /** The running config, undefined until the first one is applied. */
  readonly config: () => ConfigView | undefined;
  /** Epoch milliseconds; the ages on the pages are computed against it. */
  readonly now: () => number;
  readonly version: string;
  /** The last config reload, for the status page (a server without reloads leaves it out). */
  readonly lastReload?: () => ReloadOutcome | undefined;
  /** The process' shard and what it owns (the exporter's `shard()`); shown once a config is applied. */
  readonly shard?: () => ShardStatus;
}

/**
 * Defence in depth behind the escaping: no script runs and nothing loads from
 * elsewhere even if some text slipped through unescaped.
 */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function send(res: Response, status: number, type: 'html' | 'text', body: string): void {
  res.status(status);
  res.set('Content-Type', type === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
  // Pages show live state; a cached copy would show ages that are wrong.
  res.set('Cache-Control', 'no-store');
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Content-Security-Policy', CSP);
  res.send(body);
}

/**
 * The human pages: the status page at `/`, the running config at `/config`
 * and a debug view per target at `/targets/:name`. Mount it with
 * `createApp({ ..., extend: (app) => app.use(createStatusRouter(deps)) })`;
 * it is registered before createApp's own `/` and so replaces the landing page.
 */
export function createStatusRouter(d: StatusDeps): Router {
  // Strict, so /targets/x/ is a 404 rather than a page whose relative links point one level too deep.
  const router = Router({ strict: true });

  const view = (state: StatusTargetState): TargetView => ({
    state,
    budget: state.budget,
    config: d.config()?.targets.find((t) => t.name === state.name),
  });

  router.get('/', async (_req, res) => {
    const states = await d.states();
    const config = d.config();
    const page = renderStatusPage({
      now: d.now(),
      version: d.version,
      targets: states.map(view),
      configFile: config?.file,
      lastReload: d.lastReload?.(),
      shard: config ? d.shard?.() : undefined,
    });
    send(res, 200, 'html', page);
  });

  router.get('/config', (_req, res) => {
    const config = d.config();
    if (!config) send(res, 503, 'text', 'No configuration has been applied yet.\n');
    else send(res, 200, 'text', renderConfigYaml(config, d.version));
  });

  router.get('/targets/:name', async (req, res) => {
    const name = req.params.name;
    const state = d.state ? await d.state(name) : (await d.states()).find((s) => s.name === name);
    const now = d.now();
    if (!state) {
      const body = html`<p><a href="../">← all targets</a></p><h2>Unknown target</h2><p>No running target is named <code>${name}</code>.</p>`;
      send(
        res,
        404,
        'html',
        renderPage({ title: 'Unknown target · livechat-exporter', root: '../', version: d.version, now, body }),
      );
      return;
    }
    send(res, 200, 'html', renderTargetPage({ now, version: d.version, target: view(state) }));
  });

  return router;
}
