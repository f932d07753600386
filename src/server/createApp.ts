import express, { type Express, type Request, type Response } from 'express';
import type { SnapshotStore } from '../snapshot/createSnapshotStore';
import { acceptsGzip, negotiateFormat } from './negotiateFormat';
import { createMetricsResponder, type ProcessMetricsSource } from './createMetricsResponder';

/** What the HTTP surface reads; it never talks to an upstream. */
export interface AppDeps {
  readonly store: SnapshotStore;
  readonly processMetrics: ProcessMetricsSource;
  readonly ready: () => boolean;
  /** Extra routes (status page, reload) mounted before the 404 handler. */
  readonly extend?: (app: Express) => void;
  readonly landingPage?: (req: Request, res: Response) => void;
}

/** The express app: /metrics, /-/healthy, /-/ready and a landing page. */
export function createApp(d: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const metrics = createMetricsResponder({ store: d.store, processMetrics: d.processMetrics });
  app.get('/metrics', async (req, res) => {
    const out = await metrics.respond(negotiateFormat(req.get('accept')), acceptsGzip(req.get('accept-encoding')));
    res.set('Content-Type', out.contentType);
    res.set('Vary', 'Accept, Accept-Encoding');
    if (out.gzipped) res.set('Content-Encoding', 'gzip');
    // The cached bytes go out as they are (no copy into one buffer), so the length is set here;
    // corked, the pieces leave in one writev call.
    res.set('Content-Length', String(out.length));
    res.cork();
    for (let i = 0; i < out.parts.length - 1; i++) res.write(out.parts[i]);
    res.end(out.parts[out.parts.length - 1]);
  });
  app.get('/-/healthy', (_req, res) => void res.type('text/plain').send('Healthy\n'));
  app.get('/-/ready', (_req, res) => {
    if (d.ready()) res.type('text/plain').send('Ready\n');
    else res.status(503).type('text/plain').send('Not ready: the first poll cycle has not finished\n');
  });
  d.extend?.(app);
  app.get('/', d.landingPage ?? ((_req, res) => void res.type('html').send(DEFAULT_LANDING)));
  app.use((_req: Request, res: Response) => void res.status(404).type('text/plain').send('Not found\n'));
  return app;
}

const DEFAULT_LANDING = `<!doctype html><html><head><meta charset="utf-8"><title>livechat-exporter</title></head>
<body><h1>livechat-exporter</h1><ul><li><a href="metrics">Metrics</a></li><li><a href="-/healthy">Health</a></li><li><a href="-/ready">Readiness</a></li></ul></body></html>
`;
