import { gzipSync } from 'node:zlib';
import type { Registry } from 'prom-client';
import { CONTENT_TYPES, textToOpenMetrics, type ExpositionFormat } from '../metrics/renderExposition';
import type { SnapshotStore } from '../snapshot/createSnapshotStore';

/** A /metrics response body. */
export interface MetricsResponse {
  readonly contentType: string;
  /** The body in pieces, to be written in order: the cached snapshot part is sent as is, not copied again. */
  readonly parts: readonly Buffer[];
  /** Total length of `parts`. */
  readonly length: number;
  /** The parts joined (a copy; for callers that need one buffer). */
  readonly body: Buffer;
  readonly gzipped: boolean;
}

/**
 * Renders /metrics from memory only: the targets' pre-rendered snapshot plus the
 * small prom-client registry of process metrics. With gzip, the cached
 * compressed snapshot and the compressed process part are sent as two gzip
 * members, which every gzip reader (Go's included) treats as one stream.
 */
export async function renderMetrics(
  store: SnapshotStore,
  registry: Registry,
  format: ExpositionFormat,
  gzip: boolean,
): Promise<MetricsResponse> {
  const data = store.render(format);
  // Compression of a changed snapshot runs on the thread pool while the process metrics are collected.
  const head = gzip && data.length > 0 ? data.gzipAsync() : undefined;
  // Awaited below; this only keeps a failure from counting as unhandled while the registry is collected.
  head?.catch(() => undefined);
  const processText = await registry.metrics();
  const tail = format === 'openmetrics' ? textToOpenMetrics(processText) : (data.length > 0 ? '\n' : '') + processText;
  const tailBuf = Buffer.from(tail, 'utf8');
  // The joined body is made on the first uncompressed scrape of a snapshot and kept with it: one large
  // write is much cheaper than thousands of small ones, and gzip-only scrapers (Prometheus) never pay its memory.
  if (!gzip) return response(CONTENT_TYPES[format], [data.body, tailBuf], false);
  return response(CONTENT_TYPES[format], [head ? await head : Buffer.alloc(0), gzipSync(tailBuf)], true);
}

function response(contentType: string, parts: Buffer[], gzipped: boolean): MetricsResponse {
  let body: Buffer | undefined;
  return {
    contentType,
    parts,
    length: parts.reduce((n, p) => n + p.length, 0),
    get body() {
      return (body ??= Buffer.concat(parts));
    },
    gzipped,
  };
}
