import { escapeHtml } from './escapeHtml';

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
  for (let i = 0; i < parts.length; i++) out += render(parts[i]!) + strings[i + 1]!;
  return new Html(out);
}
