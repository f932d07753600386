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
   * so they are collected on this timer, never per scrape; scrapes keep the
   * previous collection until the new one is built.
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
  /**
   * The current response of a variant when it is built already, so a scrape of unchanged data
   * is answered without waiting a tick; otherwise undefined (and the build is under way, so a
   * respond() that follows shares it).
   */
  ready(format: ExpositionFormat, gzip: boolean): MetricsResponse | undefined;
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
 * Creates the responder. A scrape of unchanged data costs a slot lookup: each
 * variant's response is kept until the store renders a new exposition for its
 * format or the process metrics are collected again; concurrent scrapes of a
 * changed variant share one build.
 */
export function createMetricsResponder(d: MetricsResponderDeps): MetricsResponder {
  let processPart: Promise<ProcessPart> | undefined;
  // One slot per variant (see slotOf); a slot holds its response until the data or the process part changes.
  const slots: (Variant | undefined)[] = [undefined, undefined, undefined, undefined];
  let generation = d.store.generation();
  // Collections started so far: a timed one that ends after a newer one has started is dropped.
  let started = 0;
  const collect = () => {
    started++;
    return collectProcessPart(d.processMetrics.registry);
  };
  // Scrapes from now on wait for this collection (a reload's outcome must show at once); if it fails, the previous one stays.
  const refresh = async () => {
    const previous = processPart;
    const next = collect();
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
    const part = collect();
    // A failed collection is not kept: the next scrape tries again.
    part.catch(() => {
      if (processPart === part) processPart = undefined;
    });
    return part;
  };
  // The timer's collection replaces the process part only once it is built, so no scrape waits for it.
  const timed = () => {
    const n = started + 1;
    const next = collect();
    next.then(
      () => void (n === started && (processPart = next)),
      () => undefined,
    );
  };
  const timer = setInterval(timed, d.refreshMs ?? 5_000);
  timer.unref();

  const variant = (format: ExpositionFormat, gzipped: boolean): Variant => {
    // Responses of older data would keep its bytes alive until their variant is asked for again.
    if (d.store.generation() !== generation) {
      generation = d.store.generation();
      slots.fill(undefined);
    }
    const data = d.store.render(format);
    const part = (processPart ??= firstCollection());
    const slot = slotOf(format, gzipped);
    const hit = slots[slot];
    if (hit && hit.data === data && hit.part === part) return hit;
    const v: Variant = { data, part, response: part.then((p) => build(data, p, format, gzipped)), ready: undefined };
    v.response.then(
      (r) => void (v.ready = r),
      // A failed build is not kept: the next scrape tries again.
      () => void (slots[slot] === v && (slots[slot] = undefined)),
    );
    slots[slot] = v;
    return v;
  };
  return {
    respond: (format, gzipped) => variant(format, gzipped).response,
    ready: (format, gzipped) => variant(format, gzipped).ready,
    refresh,
    close: () => clearInterval(timer),
  };
}

/** A variant's response for one data part and one process part. */
interface Variant {
  readonly data: Exposition;
  readonly part: Promise<ProcessPart>;
  readonly response: Promise<MetricsResponse>;
  /** The response once built. */
  ready: MetricsResponse | undefined;
}

const slotOf = (format: ExpositionFormat, gzipped: boolean): number =>
  (format === 'openmetrics' ? 2 : 0) + (gzipped ? 1 : 0);
