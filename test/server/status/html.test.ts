import { strict as assert } from 'node:assert';
import { escapeHtml, html } from '../../../src/server/status/html';

describe('status page markup', () => {
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
});
