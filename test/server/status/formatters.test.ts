import { strict as assert } from 'node:assert';
import { escapeHtml } from '../../../src/server/status/escapeHtml';
import { formatAgo } from '../../../src/server/status/formatAgo';
import { formatBudget } from '../../../src/server/status/formatBudget';
import { formatBytes } from '../../../src/server/status/formatBytes';
import { formatDuration } from '../../../src/server/status/formatDuration';
import { formatLabels } from '../../../src/server/status/formatLabels';
import { formatMillis } from '../../../src/server/status/formatMillis';
import { html } from '../../../src/server/status/html';

describe('status page formatting', () => {
  it('escapeHtml escapes the five significant characters and nothing else', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a> 客服`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; 客服');
  });

  it('html escapes interpolated text but not nested html, and drops false/undefined', () => {
    const inner = html`<b>${'<i>'}</b>`;
    assert.equal(
      html`<p title="${'"'}">${inner}${false}${undefined}${['<', html`<br>`]}${3}</p>`.markup,
      '<p title="&quot;"><b>&lt;i&gt;</b>&lt;<br>3</p>',
    );
  });

  it('formatDuration uses at most two units', () => {
    assert.deepEqual([0, 999, 12_000, 185_000, 7_200_000, 7_260_000, 266_400_000].map(formatDuration), [
      '0s',
      '0s',
      '12s',
      '3m 5s',
      '2h',
      '2h 1m',
      '3d 2h',
    ]);
  });

  it('formatAgo says ago, in, or just now', () => {
    assert.equal(formatAgo(1_000, 13_000), '12s ago');
    assert.equal(formatAgo(55_000, 13_000), 'in 42s');
    assert.equal(formatAgo(12_500, 13_000), 'just now');
  });

  it('formatMillis, formatBytes, formatLabels', () => {
    assert.deepEqual([42.4, 2_345, 65_000].map(formatMillis), ['42 ms', '2.3 s', '1m 5s']);
    assert.deepEqual([512, 1536, 3 * 1024 * 1024].map(formatBytes), ['512 B', '1.5 KiB', '3.0 MiB']);
    assert.equal(formatLabels({ a: 'x"y', b: 'z' }), '{a="x\\"y", b="z"}');
    assert.equal(formatLabels({}), '');
  });

  it('formatBudget shows usage, falls back to the spec, and says unlimited', () => {
    assert.equal(
      formatBudget({ endpoint: 'e', used: 3, limit: 10, periodMs: 60_000, blockedUntil: undefined }, undefined),
      '3 / 10 per 1m',
    );
    assert.equal(formatBudget(undefined, { requests: 5, perMs: 30_000 }), '0 / 5 per 30s');
    assert.equal(
      formatBudget(
        { endpoint: 'e', used: 0, limit: undefined, periodMs: undefined, blockedUntil: undefined },
        undefined,
      ),
      'unlimited',
    );
    assert.equal(formatBudget(undefined, 'unlimited'), 'unlimited');
    assert.equal(formatBudget(undefined, undefined), '');
  });
});
