import { gzip as gzipCallback } from 'node:zlib';
import type { Registry } from 'prom-client';
import { CONTENT_TYPES, textToOpenMetrics, type ExpositionFormat } from '../metrics/renderExposition';
import type { Exposition, SnapshotStore } from '../snapshot/createSnapshotStore';

/** A /metrics response body, ready to write. */
export interface MetricsResponse {
  readonly contentType: string;
  readonly gzipped: boolean;
  /** The body in pieces, written in order: the cached snapshot bytes go out as they are, never copied. */
  readonly parts: readonly Buffer[];
  /** Total length of `parts`. */
  readonly length: number;
}

/** What the responder reads. */
export interface MetricsResponderDeps {
  readonly store: SnapshotStore;
  /** The process-wide metrics (build info, reloads, Node's process metrics); collected again on each change. */
  readonly processMetrics: ProcessMetricsSource;
  /**
   * How often the registry is collected, in ms; default 5 s. Node's process
   * metrics cost about 2 ms per collection (event-loop histogram, /proc reads),
   * so they are collected on this timer, never per scrape.
   */
  readonly refreshMs?: number;
}

/** Where the process part of the body comes from. */
export interface ProcessMetricsSource {
  readonly registry: Registry;
  /** Tells of changes that must show at once (a reload's outcome) rather than at the next timed collection. */
  onChange?(listener: () => void): void;
}

/** Serves /metrics bodies from memory: one kept per negotiated variant until its data or the process part changes. */
export interface MetricsResponder {
  respond(format: ExpositionFormat, gzip: boolean): Promise<MetricsResponse>;
  /** Collects the process metrics now (the timer does it every refreshMs). */
  refresh(): Promise<void>;
  /** Stops the timer. */
  close(): void;
}

/** The process part of the body in every form a variant needs, made once per collection. */
interface ProcessPart {
  /** Text, with and without the blank line that separates it from a non-empty data part. */
  readonly text: Buffer;
  readonly textAfterData: Buffer;
  readonly openmetrics: Buffer;
  readonly gzip: { text: Buffer; textAfterData: Buffer; openmetrics: Buffer };
}

const gzip = (b: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => gzipCallback(b, (err, out) => (err ? reject(err) : resolve(out))));

/** Renders the registry in both formats, and compresses each off the event loop. */
async function collectProcessPart(registry: Registry): Promise<ProcessPart> {
  const processText = await registry.metrics();
  const text = Buffer.from(processText, 'utf8');
  const textAfterData = Buffer.from(`\n${processText}`, 'utf8');
  const openmetrics = Buffer.from(textToOpenMetrics(processText), 'utf8');
  const [gText, gAfter, gOm] = await Promise.all([gzip(text), gzip(textAfterData), gzip(openmetrics)]);
  return { text, textAfterData, openmetrics, gzip: { text: gText, textAfterData: gAfter, openmetrics: gOm } };
}

/** Picks the process part's bytes for a variant: text separates families by a blank line, OpenMetrics does not. */
function tailOf(p: ProcessPart, format: ExpositionFormat, gzipped: boolean, dataEmpty: boolean): Buffer {
  const forms = gzipped ? p.gzip : p;
  if (format === 'openmetrics') return forms.openmetrics;
  return dataEmpty ? forms.text : forms.textAfterData;
}

/**
 * Builds a response: the store's data part and the process part. With gzip the
 * two are separate gzip members, which every gzip reader (Go's included) treats
 * as one stream, so neither is compressed again for the other's sake.
 */
async function build(data: Exposition, p: ProcessPart, format: ExpositionFormat, gzipped: boolean) {
  const head = gzipped
    ? data.length > 0
      ? await data.gzipAsync()
      : undefined
    : data.length > 0
      ? data.body
      : undefined;
  const tail = tailOf(p, format, gzipped, data.length === 0);
  const parts = head ? [head, tail] : [tail];
  return { contentType: CONTENT_TYPES[format], gzipped, parts, length: parts.reduce((n, b) => n + b.length, 0) };
}

/**
 * Creates the responder. A scrape of unchanged data costs a map lookup: each
 * variant's response is kept until the store renders a new exposition for its
 * format or the process metrics are collected again; concurrent scrapes of a
 * changed variant share one build.
 */
export function createMetricsResponder(d: MetricsResponderDeps): MetricsResponder {
  let processPart: Promise<ProcessPart> | undefined;
  const cache = new Map<string, { data: Exposition; part: Promise<ProcessPart>; response: Promise<MetricsResponse> }>();
  let generation = d.store.generation();
  // Scrapes from now on wait for this collection; if it fails, the previous one stays.
  const refresh = async () => {
    const previous = processPart;
    const next = collectProcessPart(d.processMetrics.registry);
    processPart = next;
    try {
      await next;
    } catch (err) {
      if (processPart === next) processPart = previous;
      throw err;
    }
  };
  d.processMetrics.onChange?.(() => void refresh().catch(() => undefined));
  const firstCollection = () => {
    const part = collectProcessPart(d.processMetrics.registry);
    // A failed collection is not kept: the next scrape tries again.
    part.catch(() => {
      if (processPart === part) processPart = undefined;
    });
    return part;
  };
  const timer = setInterval(() => void refresh().catch(() => undefined), d.refreshMs ?? 5_000);
  timer.unref();

  return {
    respond(format, gzipped) {
      // Responses of older data would keep its bytes alive until their variant is asked for again.
      if (d.store.generation() !== generation) {
        generation = d.store.generation();
        cache.clear();
      }
      const data = d.store.render(format);
      const part = (processPart ??= firstCollection());
      const key = `${format}|${gzipped}`;
      const hit = cache.get(key);
      if (hit && hit.data === data && hit.part === part) return hit.response;
      const response = part.then((p) => build(data, p, format, gzipped));
      // A failed build is not kept: the next scrape tries again.
      response.catch(() => cache.delete(key));
      cache.set(key, { data, part, response });
      return response;
    },
    refresh,
    close: () => clearInterval(timer),
  };
}
