/** What a masked secret reads as, in labels, messages, pages and logs alike. */
export const REDACTED = '<redacted>';

/** Secret forms shorter than this are not masked: they would cut ordinary words out of every text. */
const MIN_LENGTH = 4;

/** Masks known secrets in text, and counts how many texts it had to mask. */
export interface Redactor {
  /** `text` with every occurrence of every secret form replaced by REDACTED; the same string when none occurs. */
  mask(text: string): string;
  /** Like mask, but not counted: for showing again what was counted when it came in (a job's key). */
  hide(text: string): string;
  /** Texts masked so far (a text with several secrets counts once). */
  masked(): number;
}

/**
 * Creates a redactor for `forms`: the secrets themselves and every encoding of
 * them the exporter sends (see secretForms). Longer forms are masked first, so
 * `Basic <base64>` goes as a whole rather than leaving `Basic ` behind.
 */
export function createRedactor(forms: readonly string[]): Redactor {
  const sorted = [...new Set(forms)].filter((f) => f.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
  let masked = 0;
  const hide = (text: string) => {
    let out = text;
    for (const f of sorted) if (out.includes(f)) out = out.split(f).join(REDACTED);
    return out;
  };
  return {
    mask(text) {
      const out = hide(text);
      if (out !== text) masked++;
      return out;
    },
    hide,
    masked: () => masked,
  };
}

/**
 * Every form of a target's secrets that may come back from upstream: each raw
 * secret and its URL encoding, and each credential header value the exporter
 * sends with, when it is `<scheme> <credentials>`, the credentials alone and,
 * for Basic, their decoded `user:password`.
 */
export function secretForms(secrets: readonly string[], credentialHeaderValues: readonly string[]): string[] {
  const forms: string[] = [];
  for (const s of secrets) forms.push(s, encodeURIComponent(s));
  for (const value of credentialHeaderValues) {
    forms.push(value);
    const m = /^(\S+) +(\S.*)$/.exec(value);
    if (!m) continue;
    forms.push(m[2]!);
    if (m[1]!.toLowerCase() === 'basic') forms.push(Buffer.from(m[2]!, 'base64').toString('utf8'));
  }
  return [...new Set(forms)].filter((f) => f.length >= MIN_LENGTH);
}
