import { strict as assert } from 'node:assert';
import { OTHER_TAG } from '../../../src/sources/livechat/capTags';
import { REPORTS } from '../../../src/sources/livechat/reports';
import { startHarness, targetYaml, type Harness } from './harness';

const only = (...names: string[]): string =>
  `reports: {${REPORTS.map((r) => `${r.name}: ${names.includes(r.name)}`).join(', ')}}`;

/** One text-format sample line: name, optional labels with escaped values, a number. */
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const SAMPLE_LINE = new RegExp(
  `^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{${LABEL}(,${LABEL})*\\})? (-?\\d+(\\.\\d+)?(e[+-]?\\d+)?|NaN|[+-]Inf)$`,
);

/** The unescaped `tag` label of every sample of `metric`, with its value. */
function tagSeries(text: string, metric: string, window: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) || !line.includes(`window="${window}"`)) continue;
    const m = /,tag="((?:[^"\\]|\\.)*)"\} (\S+)$/.exec(line);
    assert.ok(m, line);
    const tag = m[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    assert.ok(!out.has(tag), `duplicate tag ${JSON.stringify(tag)}`);
    out.set(tag, Number(m[2]));
  }
  return out;
}

/** Σ per tag over the buckets of the last `chats/tags` response the simulator sent for `window` seconds. */
function upstreamTags(h: Harness, spanMs: number): Map<string, number> {
  const entry = h.sim.requests.filter('/reports/chats/tags').find((e) => {
    const f = (e.body as { filters: { from: string; to: string } }).filters;
    return Date.parse(f.to) - Date.parse(f.from) === spanMs;
  })!;
  const out = new Map<string, number>();
  for (const bucket of Object.values(
    (entry.responseBody as { records: Record<string, Record<string, number>> }).records,
  )) {
    for (const [tag, n] of Object.entries(bucket)) out.set(tag, (out.get(tag) ?? 0) + n);
  }
  return out;
}

describe('livechat tags', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('tags_limit keeps the largest tags and sums the rest into __other__', async () => {
    await h.start(targetYaml(`${only('tags', 'tags_chat_usage')}\ntags_limit: 3`, { windows: '[24h]' }));
    const upstream = upstreamTags(h, 86_400_000);
    assert.ok(upstream.size > 3, 'the simulator has more tags than the cap');
    const got = tagSeries(h.text(), 'livechat_exporter_livechat_tag_chats', '24h');
    const ranked = [...upstream].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    assert.deepEqual([...got.keys()], [...ranked.slice(0, 3).map(([t]) => t), OTHER_TAG]);
    assert.equal(
      got.get(OTHER_TAG),
      ranked.slice(3).reduce((s, [, n]) => s + n, 0),
    );
    const total = [...upstream.values()].reduce((a, b) => a + b, 0);
    assert.equal(
      [...got.values()].reduce((a, b) => a + b, 0),
      total,
      'nothing is lost',
    );
    assert.equal(tagSeries(h.text(), 'livechat_exporter_livechat_tag_usage_chats', '24h').size, 4);
  });

  it('tags_limit 0 keeps only the sum', async () => {
    await h.start(targetYaml(`${only('tags')}\ntags_limit: 0`, { windows: '[24h]' }));
    const total = [...upstreamTags(h, 86_400_000).values()].reduce((a, b) => a + b, 0);
    assert.deepEqual([...tagSeries(h.text(), 'livechat_exporter_livechat_tag_chats', '24h')], [[OTHER_TAG, total]]);
  });

  it('hostile tag names render as valid exposition lines and come back unchanged', async () => {
    await h.start(targetYaml(`${only('tags', 'tags_chat_usage')}\ntags_limit: 1000`, { windows: '[7d]' }));
    const text = h.text();
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
      assert.match(line, SAMPLE_LINE);
    }
    assert.ok(Buffer.from(text, 'utf8').toString('utf8') === text && text.isWellFormed());
    const upstream = upstreamTags(h, 7 * 86_400_000);
    const got = tagSeries(text, 'livechat_exporter_livechat_tag_chats', '7d');
    for (const hostile of [
      'quote "special"',
      'back\\slash',
      'new\nline',
      '',
      '返金',
      'возврат',
      'emoji 🎉',
      'tab\there',
      '__proto__',
      'constructor',
    ]) {
      assert.ok(upstream.has(hostile), `the simulator sent ${JSON.stringify(hostile)}`);
      assert.equal(got.get(hostile), upstream.get(hostile), JSON.stringify(hostile));
    }
    assert.deepEqual(new Set(got.keys()), new Set([...upstream.keys(), OTHER_TAG]));
    assert.ok(
      text.includes('tag="quote \\"special\\""') &&
        text.includes('tag="back\\\\slash"') &&
        text.includes('tag="new\\nline"') &&
        text.includes('tag=""'),
    );
  });
});
