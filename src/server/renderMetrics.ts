import { gzipSync } from 'node:zlib';
import type { Registry } from 'prom-client';
import { CONTENT_TYPES, textToOpenMetrics, type ExpositionFormat } from '../metrics/renderExposition';
import type { SnapshotStore } from '../snapshot/createSnapshotStore';

/** A /metrics response body. */
export interface MetricsResponse {
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzipped: boolean;
}

/**
 * Renders /metrics from memory only: the targets' pre-rendered snapshot plus the
 * small prom-client registry of process metrics. With gzip, the cached
 * compressed snapshot and the compressed process part are sent as two gzip
 * members, which every gzip reader (Go's included) treats as one stream.
 */
export async function renderMetrics(store: SnapshotStore, registry: Registry, format: ExpositionFormat, gzip: boolean): Promise<MetricsResponse> {
  const data = store.render(format);
  const processText = await registry.metrics();
  const tail = format === 'openmetrics' ? textToOpenMetrics(processText) : (data.body.length > 0 ? '\n' : '') + processText;
  const tailBuf = Buffer.from(tail, 'utf8');
  if (!gzip) return { contentType: CONTENT_TYPES[format], body: Buffer.concat([data.body, tailBuf]), gzipped: false };
  const head = data.body.length > 0 ? data.gzip() : Buffer.alloc(0);
  return { contentType: CONTENT_TYPES[format], body: Buffer.concat([head, gzipSync(tailBuf)]), gzipped: true };
}
