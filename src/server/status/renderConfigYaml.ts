import { createHash } from 'node:crypto';
import { isMap, isScalar, parseDocument, Scalar, visit } from 'yaml';
import type { ConfigView } from '../../config/types';

/** What replaces a value that must not be shown. */
const REDACTED = '<redacted>';

/**
 * Keys whose value is a credential wherever they appear: the ones the kinds read as secrets
 * (`user_id`, `token`, `account_id`) and anything else that reads like one.
 */
const SECRET_KEY = /token|secret|passw(or)?d|api[_-]?key|private[_-]?key|credential|user[_-]?id|account[_-]?id|^pat$/i;

/** `{env: NAME}` or `{file: path}`: a reference to a secret, not its value, so it is shown. */
function isSecretReference(node: unknown): boolean {
  if (!isMap(node) || node.items.length !== 1) return false;
  const { key, value } = node.items[0]!;
  return isScalar(key) && (key.value === 'env' || key.value === 'file') && isScalar(value);
}

/** A URL's user:password@ and query (validation refuses both; they would carry credentials) as REDACTED. */
function redactUrl(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  try {
    const u = new URL(text);
    if (!u.username && !u.password && !u.search && !u.hash) return text;
    const host = `${u.protocol}//${u.username || u.password ? `${REDACTED}@` : ''}${u.host}${u.pathname}`;
    return `${host}${u.search ? `?${REDACTED}` : ''}${u.hash ? `#${REDACTED}` : ''}`;
  } catch {
    return text;
  }
}

/**
 * The operator's YAML for `/config`: the file as it was loaded (so its keys, order, flow or
 * block style and anchors are the operator's), without comments (free text that may hold
 * anything), with every value under a secret-looking key that is not an `{env}`/`{file}`
 * reference and every credential or query in a URL replaced by `<redacted>`. Validation
 * refuses inline secrets, so in a running config this only ever hides what slipped past it.
 */
export function redactConfigText(text: string): string {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  doc.comment = null;
  doc.commentBefore = null;
  const uncomment = (node: { comment?: string | null; commentBefore?: string | null } | null | undefined): void => {
    if (!node) return;
    node.comment = null;
    node.commentBefore = null;
  };
  // The most specific visitor of a node is the one called (a Scalar's, not Node's), so each one uncomments.
  visit(doc, {
    Collection: (_key, node) => uncomment(node),
    Alias: (_key, node) => uncomment(node),
    Pair(_key, pair) {
      if (isScalar(pair.key)) uncomment(pair.key);
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof k === 'string' && SECRET_KEY.test(k) && !isSecretReference(pair.value)) {
        const redacted = new Scalar(REDACTED);
        // Aliases elsewhere keep pointing here, now at the redacted value.
        const anchor = (pair.value as { anchor?: string } | null)?.anchor;
        if (anchor) redacted.anchor = anchor;
        pair.value = redacted;
        return visit.SKIP;
      }
      return undefined;
    },
    Scalar(_key, node) {
      uncomment(node);
      if (typeof node.value === 'string') node.value = redactUrl(node.value);
    },
  });
  // It parsed when it was loaded, so this only guards toString(), which throws on a document with errors.
  return doc.errors.length > 0 ? `# ${REDACTED}: the file does not parse\n` : doc.toString({ lineWidth: 0 });
}

/**
 * `/config`: the running configuration as the operator wrote it (redacted, see
 * redactConfigText), with its file and the SHA-256 of that file's text so it can be
 * compared with `sha256sum` of the file on disk (a later edit not yet reloaded shows).
 */
export function renderConfigYaml(config: Pick<ConfigView, 'file' | 'text'>, version: string): string {
  const sha256 = createHash('sha256').update(config.text).digest('hex');
  // The path is quoted as JSON so a strange file name cannot end the comment line.
  return `# livechat-exporter ${version}: the running configuration, as loaded from ${JSON.stringify(config.file)}
# (sha256 of the file ${sha256}). Comments are left out. Secrets show as their {env: NAME} or
# {file: path} references, never their values; any other value under a secret-looking key and
# credentials or queries in URLs read ${REDACTED}.
${redactConfigText(config.text)}`;
}
