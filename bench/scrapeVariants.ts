/** One kind of scrape request: the headers a client sends. */
export interface ScrapeVariant {
  readonly name: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Prometheus 2.x's scrape Accept header (OpenMetrics preferred, text accepted), as Debian's Prometheus 2.42 sends it. */
export const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/**
 * The request kinds the scrape benchmark measures (issue 12's goals): `gzip` asks for gzip and
 * nothing else (text format); `prometheus` sends what a Prometheus server sends, which negotiates
 * OpenMetrics with gzip.
 */
export const SCRAPE_VARIANTS: readonly ScrapeVariant[] = [
  { name: 'gzip', headers: { 'Accept-Encoding': 'gzip' } },
  { name: 'prometheus', headers: { Accept: PROMETHEUS_ACCEPT, 'Accept-Encoding': 'gzip' } },
];

/** The variant Prometheus itself sends. */
export const PROMETHEUS_VARIANT: ScrapeVariant = SCRAPE_VARIANTS[1]!;
