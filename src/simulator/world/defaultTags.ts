/**
 * LiveChat tag names, most popular first (the world draws them with Zipf-like weights). Many are hostile
 * on purpose: quotes, backslash, newline, tab, non-Latin scripts, emoji, the empty string, prototype keys,
 * a very long name; and there are more than 30 so "top N + other" caps get exercised.
 */
export const defaultTags: readonly string[] = [
  'support', 'spam', 'sales', 'billing', 'refund', '返金', 'возврат', 'bug', 'feature request',
  'docs_feedback', 'quote "special"', 'back\\slash', 'new\nline', '', 'vip', 'follow-up', 'complaint',
  'shipping', 'returns', 'password reset', 'login issue', 'pricing', 'upgrade', 'downgrade', 'cancellation',
  'partnership', 'feedback', 'urgent', 'low priority', 'internal', 'tab\there', 'emoji 🎉', 'ünïcödé',
  '__proto__', 'constructor', 'sales-lead', 'a-very-long-tag-name-' + 'x'.repeat(80),
];
