import {
  boolCoreTag,
  CORE_SCHEMA,
  defineMappingTag,
  defineScalarTag,
  floatCoreTag,
  intCoreTag,
  load,
  mapTag,
  NOT_RESOLVED,
  nullCoreTag,
  type ScalarTagDefinition,
  strTag,
} from 'js-yaml';

/** A core scalar tag that resolves plain scalars as before but refuses an explicit tag (`!!str 12`). */
function implicitOnly<T>(tag: ScalarTagDefinition<T>): ScalarTagDefinition<T> {
  return defineScalarTag(tag.tagName, {
    ...tag,
    resolve: (source, isExplicit, tagName) => (isExplicit ? NOT_RESOLVED : tag.resolve(source, false, tagName)),
  });
}

/**
 * A `{}` mapping that takes short string keys only: `yaml` turns `null:`, `1:` or `? [a]` into keys of
 * its own spelling, and rejects an implicit key over 1024 characters, which js-yaml allows (200
 * characters of value stay under 1024 of source even with escapes).
 */
const stringKeyMapTag = defineMappingTag(mapTag.tagName, {
  ...mapTag,
  addPair: (map, key, value) =>
    typeof key === 'string' && key.length <= 200 ? mapTag.addPair(map, key, value) : 'not a short string key',
});

const SCHEMA = CORE_SCHEMA.withTags(
  implicitOnly(strTag),
  implicitOnly(nullCoreTag),
  implicitOnly(boolCoreTag),
  implicitOnly(intCoreTag),
  implicitOnly(floatCoreTag),
  stringKeyMapTag,
);

/**
 * Parses config YAML into a plain value with js-yaml (YAML 1.2 core schema), several times faster
 * than `yaml`'s Document (which keeps ranges, comments and a CST: startup with 500 targets was
 * mostly that). Returns undefined whenever the result could differ from what `yaml` would give or
 * report: any error (syntax, duplicate key, empty or multi-document stream), a directive (`%YAML
 * 1.1` changes the schema), an alias (`yaml` limits their expansion), an explicit tag, a key that
 * is not a short string, a document that is not a mapping. The caller then parses with `yaml`, so
 * every error keeps its `yaml` wording and line:col, and odd documents keep their `yaml` meaning.
 * test/config/fastParseYaml.test.ts holds the two parsers to the same values.
 */
export function fastParseYaml(text: string): { readonly value: unknown } | undefined {
  if (/^%/m.test(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  // A config is a mapping; anything else is an error whose message quotes the value as `yaml` reads it
  // (the two differ on, e.g., a top-level block scalar with an indentation indicator).
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { value } : undefined;
}
