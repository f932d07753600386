import type { Express, Request, Response } from 'express';
import type { Reloader } from '../exporter/createReloader';

/** The content types an HTML form (or a no-CORS fetch) can send to another site without asking it first. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Why a request comes from another site, or undefined when it does not: a
 * browser says so in Sec-Fetch-Site, and sends the page's Origin with every
 * POST. Tools such as curl send neither, and are let through.
 */
function crossSite(req: Request): string | undefined {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`;
  const origin = req.get('origin');
  if (origin === undefined) return undefined;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  return host !== undefined && host !== '' && host === req.get('host') ? undefined : `Origin: ${origin}`;
}

function refuse(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain').send(`${text}\n`);
}

/**
 * `POST` (or `PUT`) `/-/reload`, as Prometheus and blackbox_exporter have it;
 * other methods get 405. A browser page on another site must not be able to
 * reload (which re-sends refused credentials upstream and spends its rate
 * limit): a cross-site request gets 403, a form's content type 415. With
 * `enabled: false` (--no-web.enable-lifecycle) every request gets 403.
 */
export function mountReload(app: Express, reloader: Reloader, opts: { enabled: boolean } = { enabled: true }): void {
  app.all('/-/reload', async (req, res) => {
    if (req.method !== 'POST' && req.method !== 'PUT') {
      res.status(405).set('Allow', 'POST, PUT').type('text/plain').send('This endpoint requires a POST request.\n');
      return;
    }
    if (!opts.enabled) return refuse(res, 403, 'Lifecycle API is not enabled.');
    const other = crossSite(req);
    if (other !== undefined) return refuse(res, 403, `Refused a cross-site reload request (${other}).`);
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (FORM_TYPES.includes(type))
      return refuse(res, 415, `Refused a reload request with a form's content type (${type}).`);
    const r = await reloader.reload();
    if (r.status === 'failed')
      res
        .status(500)
        .type('text/plain')
        .send(`failed to reload config:\n${r.problems.map((p) => `  ${p}\n`).join('')}`);
    else res.type('text/plain').send(r.status === 'reloaded' ? 'Reloaded\n' : 'Config unchanged\n');
  });
}
