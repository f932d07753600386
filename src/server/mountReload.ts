import type { Express } from 'express';
import type { Reloader } from '../exporter/createReloader';

/** `POST` (or `PUT`) `/-/reload`, as Prometheus and blackbox_exporter have it; other methods get 405. */
export function mountReload(app: Express, reloader: Reloader): void {
  app.all('/-/reload', async (req, res) => {
    if (req.method !== 'POST' && req.method !== 'PUT') {
      res.status(405).set('Allow', 'POST, PUT').type('text/plain').send('This endpoint requires a POST request.\n');
      return;
    }
    const r = await reloader.reload();
    if (r.status === 'failed')
      res
        .status(500)
        .type('text/plain')
        .send(`failed to reload config:\n${r.problems.map((p) => `  ${p}\n`).join('')}`);
    else res.type('text/plain').send(r.status === 'reloaded' ? 'Reloaded\n' : 'Config unchanged\n');
  });
}
