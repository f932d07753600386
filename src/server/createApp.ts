import express, { type Express, type Request, type Response } from 'express';
import type { SnapshotStore } from '../snapshot/createSnapshotStore';
import { createMetricsHandler, isMetricsRequest, type HttpHandler } from './createMetricsHandler';
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

/**
 * The HTTP surface: /metrics, /-/healthy, /-/ready and a landing page. GET and HEAD of
 * /metrics never enter express: its router and request/response decoration cost more per
 * scrape than writing the kept bytes, so a plain listener answers them and hands every other
 * request to the express app. Express still routes the spellings it alone matches (/metrics/,
 * /METRICS) to the same handler. Whatever wraps the result (the web layer's TLS, auth, rate
 * limit and headers) applies to both paths alike.
 */
export function createApp(d: AppDeps): HttpHandler {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const metrics = createMetricsHandler(createMetricsResponder({ store: d.store, processMetrics: d.processMetrics }));
  app.get('/metrics', (req, res) => void metrics(req, res));
  app.get('/-/healthy', (_req, res) => void res.type('text/plain').send('Healthy\n'));
  app.get('/-/ready', (_req, res) => {
    if (d.ready()) res.type('text/plain').send('Ready\n');
    else res.status(503).type('text/plain').send('Not ready: the first poll cycle has not finished\n');
  });
  d.extend?.(app);
  app.get('/', d.landingPage ?? ((_req, res) => void res.type('html').send(DEFAULT_LANDING)));
  app.use((_req: Request, res: Response) => void res.status(404).type('text/plain').send('Not found\n'));
  return (req, res) => {
    if (isMetricsRequest(req)) metrics(req, res);
    else void app(req, res);
  };
}

const DEFAULT_LANDING = `<!doctype html><html><head><meta charset="utf-8"><title>livechat-exporter</title></head>
<body><h1>livechat-exporter</h1><ul><li><a href="metrics">Metrics</a></li><li><a href="-/healthy">Health</a></li><li><a href="-/ready">Readiness</a></li></ul></body></html>
`;
