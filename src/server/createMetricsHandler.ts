import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { ExpositionFormat } from '../metrics/renderExposition';
import type { MetricsResponder, MetricsResponse } from './createMetricsResponder';
import { acceptsGzip, negotiateFormat } from './negotiateFormat';

/** A plain Node request listener. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** What a pair of Accept and Accept-Encoding values negotiates. */
interface Negotiated {
  readonly format: ExpositionFormat;
  readonly gzip: boolean;
}

/**
 * Distinct header pairs remembered; scrapers send one or two, so this only bounds
 * what a client sending ever-new values could make the cache hold.
 */
const NEGOTIATION_CACHE_SIZE = 64;

/** Negotiates a request's variant; a pair seen before costs one map lookup. */
function createNegotiator(): (accept: string | undefined, acceptEncoding: string | undefined) => Negotiated {
  const seen = new Map<string, Negotiated>();
  return (accept = '', acceptEncoding = '') => {
    // A header value cannot hold a newline (Node rejects such requests), so the key is unambiguous.
    const key = `${accept}\n${acceptEncoding}`;
    let n = seen.get(key);
    if (!n) {
      if (seen.size >= NEGOTIATION_CACHE_SIZE) seen.clear();
      seen.set(key, (n = { format: negotiateFormat(accept), gzip: acceptsGzip(acceptEncoding) }));
    }
    return n;
  };
}

/** The response's headers as Node's flat raw list, made once per built response. */
function rawHeaders(out: MetricsResponse): OutgoingHttpHeader[] {
  return [
    'Content-Type',
    out.contentType,
    'Vary',
    'Accept, Accept-Encoding',
    ...(out.gzipped ? ['Content-Encoding', 'gzip'] : []),
    'Content-Length',
    String(out.length),
  ];
}

/** Writes a built response; the kept buffers go out as they are, corked into one writev. */
function send(req: IncomingMessage, res: ServerResponse, out: MetricsResponse, headers: OutgoingHttpHeader[]): void {
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const { parts } = out;
  if (parts.length > 1) res.cork();
  for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]);
  res.end(parts[parts.length - 1]);
}

/**
 * Serves GET and HEAD /metrics from the responder's kept variants with no router and no
 * per-request work beyond a header look-up: the variant of a seen Accept/Accept-Encoding pair
 * is remembered, and each built response carries its ready-made header list. A scrape of
 * unchanged data is answered synchronously. A failed build answers 500 with the reason, as
 * Go's promhttp does.
 */
export function createMetricsHandler(responder: MetricsResponder): HttpHandler {
  const negotiate = createNegotiator();
  const headersOf = new WeakMap<MetricsResponse, OutgoingHttpHeader[]>();
  const reply = (req: IncomingMessage, res: ServerResponse, out: MetricsResponse) => {
    let headers = headersOf.get(out);
    if (!headers) headersOf.set(out, (headers = rawHeaders(out)));
    send(req, res, out, headers);
  };
  return (req, res) => {
    const { format, gzip } = negotiate(req.headers.accept, req.headers['accept-encoding']);
    const now = responder.ready(format, gzip);
    if (now) return reply(req, res, now);
    responder.respond(format, gzip).then(
      (out) => reply(req, res, out),
      (err: unknown) => {
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(
          `An error has occurred while serving metrics:\n\n${err instanceof Error ? err.message : String(err)}\n`,
        );
      },
    );
  };
}

/** True for the requests the fast path answers: GET or HEAD of exactly /metrics, with or without a query. */
export function isMetricsRequest(req: IncomingMessage): boolean {
  const { url, method } = req;
  return (
    (method === 'GET' || method === 'HEAD') && url !== undefined && (url === '/metrics' || url.startsWith('/metrics?'))
  );
}
