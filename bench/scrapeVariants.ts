/** One kind of scrape request: the headers a client sends. */
export interface ScrapeVariant {
  readonly name: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Prometheus 2.x's scrape Accept header (OpenMetrics preferred, text accepted). */
export const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/** The request kinds the scrape benchmark measures; `prometheus` is what a Prometheus server sends. */
export const SCRAPE_VARIANTS: readonly ScrapeVariant[] = [
  { name: 'text', headers: {} },
  { name: 'text+gzip', headers: { 'Accept-Encoding': 'gzip' } },
  { name: 'openmetrics', headers: { Accept: 'application/openmetrics-text;version=1.0.0' } },
  { name: 'prometheus (OM+gzip)', headers: { Accept: PROMETHEUS_ACCEPT, 'Accept-Encoding': 'gzip' } },
];
