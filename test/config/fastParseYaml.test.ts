import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { fastParseYaml } from '../../src/config/fastParseYaml';
import { fixturePath, REPO_ROOT } from '../helpers/paths';

/** What the config loader made of `text` before the fast path: `yaml`'s value, or that it reported errors. */
function viaYaml(text: string): { value: unknown } | 'errors' {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  return doc.errors.length > 0 ? 'errors' : { value: doc.toJS({ maxAliasCount: 100 }) };
}

/** Scalars and documents where YAML 1.2 parsers, or YAML 1.1 and 1.2, are known to part ways. */
const TRICKY = [
  ...['017', '0o17', '0x1F', '-0x1F', '0b101', '1_000', '+12', '-0', '00', '08', '0o8', '+0x1', '0xABCDEF'],
  ...['.5', '1.', '-.5', '0.', '1e3', '1E+3', '0.1e-2', '1e', '1.2.3', '123456789012345678901', '+', '.', '-'],
  ...['+.inf', '-.Inf', '.NaN', '.nan', 'NaN', 'inf', '~', 'null', 'Null', 'NULL', 'nUll', ''],
  ...['true', 'True', 'TRUE', 'tRue', 'yes', 'no', 'on', 'off', 'y', 'n', '2024-01-01', '12:30:00', '1:20'],
  ...[
    '"\\x41\\u00e9\\t"',
    "'it''s'",
    '"a\n  b"',
    '|\n  a\n  b\n',
    '>-\n  a\n  b\n\n  c\n',
    '|+\n  a\n\n',
    '>2\n   a\n',
  ],
  ...['!!str 12', '!!int "12"', '!!float 1', '!!bool true', '!!null ""', '!!map {a: 1}', '!!seq [1]', 'a: !foo 1'],
  ...['a: ! 1', '!!binary aGk=', '!!timestamp 2024-01-01', '!<tag:yaml.org,2002:str> 1'],
  ...['null: a', '1: a', 'true: a', '~: a', '? [a, b]\n: 1', '? {a: 1}\n: 1', '"1": a\n1: b', '__proto__: {a: 1}'],
  ...['a: &x 1\nb: *x', 'a: &x {b: 1}\nc: *x', '- &a x\n- b', 'a: 1\n<<: {b: 2}', 'a: {<<: {b: 2}}'],
  ...['%YAML 1.1\n---\na: yes', '%YAML 1.2\n---\na: 1', '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1'],
  ...['a: 1\na: 2', '{a: 1, a: 2}', '"a": 1\na: 2', 'a: 1\n---\nb: 2', '---\na: 1\n...\n', '# only a comment'],
  ...['a:\tb', 'a: b # c', 'a: "b # c"', 'a: b#c', 'a: [1, 2, {b: c}]', 'a: {b: , c}', 'a: b: c', '- a\n-b'],
  ...['a:\n\t- b', 'a:\n  - x\n  -  y\nb: 2', 'a: "unterminated', 'a: [1, 2', "a: 'x'\n  'y'", '\ufeffa: 1'],
  ...['a: 1\r\nb: 2\r\n', `${'k'.repeat(1100)}: 1`, 'a:\n  b: 1\n c: 2', 'a: >\n x\n', '- - - a', '[a, [b, [c]]]'],
];

/** Every YAML file of the project that is or resembles a config. */
function projectYamlFiles(): string[] {
  const dirs = [fixturePath('config', 'good'), fixturePath('config', 'bad'), join(REPO_ROOT, 'config')];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => join(d, f)),
  );
}

describe('fastParseYaml', () => {
  it('gives exactly what yaml gives, or declines (then yaml parses and reports): tricky scalars and documents', () => {
    for (const text of TRICKY) {
      const fast = fastParseYaml(text);
      if (fast === undefined) continue;
      const slow = viaYaml(text);
      assert.notEqual(slow, 'errors', `${JSON.stringify(text)}: yaml reports errors, the fast parser must decline`);
      assert.deepEqual(fast.value, (slow as { value: unknown }).value, JSON.stringify(text));
    }
  });

  it("gives exactly what yaml gives for the project's configs and config fixtures", () => {
    for (const file of projectYamlFiles()) {
      const text = readFileSync(file, 'utf8');
      const fast = fastParseYaml(text);
      const slow = viaYaml(text);
      if (slow === 'errors') assert.equal(fast, undefined, `${file}: yaml reports errors`);
      else if (fast !== undefined) assert.deepEqual(fast.value, slow.value, file);
    }
  });

  it('takes ordinary configs (else the slow path would quietly come back)', () => {
    for (const file of [fixturePath('config', 'good', 'full.yml'), join(REPO_ROOT, 'config', 'exporter.example.yml')])
      assert.ok(fastParseYaml(readFileSync(file, 'utf8')), file);
  });

  it('declines what yaml reads differently or must report with its line:col', () => {
    for (const text of ['a: 1\na: 2', 'a: &x 1\nb: *x', '%YAML 1.1\n---\na: yes', 'null: a', '!!float 1', ''])
      assert.equal(fastParseYaml(text), undefined, JSON.stringify(text));
  });
});
