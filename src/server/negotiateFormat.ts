import type { ExpositionFormat } from '../metrics/renderExposition';

/** Picks OpenMetrics when the Accept header asks for it with a non-zero quality, as Prometheus does; text otherwise. */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  if (!accept) return 'text';
  let best: { format: ExpositionFormat; q: number } = { format: 'text', q: -1 };
  for (const part of accept.split(',')) {
    const [type, ...params] = part
      .trim()
      .split(';')
      .map((s) => s.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const format: ExpositionFormat | undefined =
      type === 'application/openmetrics-text'
        ? 'openmetrics'
        : type === 'text/plain' || type === '*/*'
          ? 'text'
          : undefined;
    if (format && q > best.q) best = { format, q };
  }
  return best.format;
}

/** True when the client accepts gzip (Prometheus always sends `Accept-Encoding: gzip`). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(',').some((p) => {
    const [enc, ...params] = p
      .trim()
      .split(';')
      .map((s) => s.trim());
    const q = params.find((x) => x.startsWith('q='));
    return (enc === 'gzip' || enc === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}
