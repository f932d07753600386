/*
 * The markup layer of the status pages: escaping, the `html` tagged template that
 * escapes whatever it interpolates, and the page layout around every page body.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values. Target
 * names, department names and error messages come from config files and
 * upstream responses, so every one of them passes through here.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Markup that is safe to emit as is; only the `html` tag creates one, so plain strings can never skip escaping. */
export class Html {
  /** Use the `html` tag instead; the constructor trusts its argument. */
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What can be interpolated: text (escaped), numbers, markup, nothing (false/null/undefined) and lists of these. */
export type HtmlPart = Html | string | number | boolean | null | undefined | readonly HtmlPart[];

function render(part: HtmlPart): string {
  if (part instanceof Html) return part.markup;
  if (Array.isArray(part)) return part.map(render).join('');
  if (part === null || part === undefined || part === false || part === true) return '';
  return escapeHtml(String(part));
}

/**
 * Tagged template for markup: every interpolated string is escaped unless it
 * is itself `Html`. Attribute values must be written in double quotes.
 */
export function html(strings: TemplateStringsArray, ...parts: readonly HtmlPart[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += render(parts[i]) + strings[i + 1]!;
  return new Html(out);
}

/** One page of the status UI: its title, where the site root is relative to it, and its body. */
export interface PageFrame {
  readonly title: string;
  /**
   * The site root relative to this page ("" on /, "../" on /targets/x). Links
   * are relative so the pages keep working behind a reverse proxy that serves
   * the exporter under a path prefix.
   */
  readonly root: string;
  readonly version: string;
  readonly now: number;
  readonly body: Html;
}

// Small and inline on purpose: no front-end build, no extra request, works with JavaScript off.
const CSS = `
:root{color-scheme:light;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg2:#f6f8fa;--up:#1a7f37;--down:#cf222e;--warn:#9a6700;--pending:#6e7781}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg)}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem 1.5rem;padding:.7rem 1.5rem;background:#24292f;color:#fff}
header a{color:#fff}
header h1{margin:0;font-size:1.15rem}
header nav{display:flex;flex-wrap:wrap;gap:1rem}
header .meta{margin-left:auto;color:#c9d1d9;font-size:.85rem}
main{padding:1rem 1.5rem 2rem;max-width:1400px}
h2{font-size:1.15rem;margin:1.6rem 0 .4rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
h3{font-size:1rem;margin:1rem 0 .4rem}
a{color:#0969da}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}
th,td{border:1px solid var(--line);padding:.3rem .55rem;text-align:left;vertical-align:top}
th{background:var(--bg2);font-weight:600;white-space:nowrap}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
time,.nowrap{white-space:nowrap}
code,.mono{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
.url{word-break:break-all}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:600;color:#fff;white-space:nowrap}
.badge.up{background:var(--up)}.badge.down{background:var(--down)}.badge.pending{background:var(--pending)}.badge.blocked,.badge.degraded{background:var(--warn)}
.badge.notice-error{background:var(--down)}.badge.notice-warning{background:var(--warn)}.badge.notice-info{background:var(--pending)}
.hint{display:block;font-weight:400;font-size:.8rem;color:var(--muted);white-space:normal}
ul.problems{margin:.3rem 0;padding-left:1.3rem}
ul.values{list-style:none;margin:0;padding:0;columns:2 18rem}
ul.values li{break-inside:avoid}
dl.query{margin:.2rem 0 0;gap:0 .6rem;font-size:.9em}
.reason{display:inline-block;padding:0 .35rem;border:1px solid var(--down);border-radius:.25rem;color:var(--down);font:600 12px/1.5 ui-monospace,monospace}
.muted{color:var(--muted)}
.bad{color:var(--down);font-weight:600}
.stale{color:var(--warn);font-weight:600}
.box{border:1px solid var(--line);border-left:4px solid var(--down);border-radius:.25rem;padding:.45rem .7rem;margin:.5rem 0;background:#fff8f8}
.box.warn{border-left-color:var(--warn);background:#fffbea}
.box.info{border-left-color:#0969da;background:#f6f8fa}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.3rem 0 .6rem}
dt{color:var(--muted)}dd{margin:0}
details summary{cursor:pointer;color:#0969da}
details table{margin:.3rem 0}
footer{padding:0 1.5rem 1.5rem;color:var(--muted);font-size:.85rem}
`;

// A constant of ours, not input: it is the one piece of markup made without escaping.
const TRUSTED_CSS = new Html(CSS);

/** The HTML document around a page body: header with navigation, inline CSS, footer with version and time. */
export function renderPage(p: PageFrame): string {
  const r = p.root;
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title}</title>
<style>${TRUSTED_CSS}</style>
</head>
<body>
<header>
<h1><a href="${r || './'}">livechat-exporter</a></h1>
<nav>
<a href="${r || './'}">Status</a>
<a href="${r}metrics">Metrics</a>
<a href="${r}config">Config</a>
<a href="${r}-/healthy">Healthy</a>
<a href="${r}-/ready">Ready</a>
</nav>
<span class="meta">version ${p.version}</span>
</header>
<main>
${p.body}
</main>
<footer>Rendered at <time datetime="${new Date(p.now).toISOString()}">${new Date(p.now).toISOString()}</time> by livechat-exporter ${p.version}.</footer>
</body>
</html>
`;
  return doc.markup;
}
