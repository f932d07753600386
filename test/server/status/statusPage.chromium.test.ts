import { strict as assert } from 'node:assert';
import { mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findChromium, runChromium } from './runChromium';
import {
  HOSTILE_DEPARTMENT_NAME,
  RELOAD_PROBLEM,
  SECRET_VALUES,
  startStatusStack,
  type StatusStack,
} from './startStatusStack';

/** test-artifacts/ at the repository root (git-ignored); tests run from dist/test/server/status. */
const ARTIFACTS = resolve(__dirname, '..', '..', '..', '..', 'test-artifacts');

/** The rendered DOM between the markers of one element, e.g. a table row. */
function element(dom: string, startPattern: RegExp, end: string): string {
  const m = startPattern.exec(dom);
  if (!m) return '';
  const stop = dom.indexOf(end, m.index);
  return dom.slice(m.index, stop < 0 ? undefined : stop + end.length);
}

describe('status pages in headless chromium', function () {
  this.timeout(120_000);
  let chromium: string | undefined;
  let stack: StatusStack;

  before(async function () {
    chromium = await findChromium();
    if (!chromium) {
      // CI installs chromium (.ci/run), so there a missing browser is a failure, not a reason to skip.
      if (process.env.CI) throw new Error('chromium is not installed (apt-get install -y chromium)');
      this.skip();
    }
    stack = await startStatusStack();
  });
  after(async () => {
    await stack?.close();
  });

  it("renders a row per target and the failing target's reason", async () => {
    const dom = await runChromium(chromium!, ['--dump-dom', `${stack.url}/`]);
    const healthy = element(dom, /<tr data-target="healthy-chat">/, '</tr>');
    const broken = element(dom, /<tr data-target="broken-chat">/, '</tr>');
    assert.match(healthy, /<span class="badge up">up<\/span>/, healthy);
    assert.match(healthy, />12s ago<\/time>/);
    assert.match(broken, /<span class="badge down">down<\/span>/, broken);
    assert.match(broken, /auth blocked/);
    assert.match(broken, /<span class="reason">auth<\/span> HTTP 401, not logged in/);
    const section = element(dom, /<section id="target-1" data-target="broken-chat">/, '</section>');
    assert.match(section, /Auth blocked:<\/strong> HTTP 401/);
    assert.match(
      element(dom, /<section id="target-0" data-target="healthy-chat">/, '</section>'),
      /<tr data-endpoint="conversation-totalizers">/,
    );
    for (const secret of SECRET_VALUES) assert.ok(!dom.includes(secret), `secret ${secret} on the page`);
  });

  it('explains series groups in place, and says the config has not been reloaded', async () => {
    const dom = await runChromium(chromium!, ['--dump-dom', `${stack.url}/`]);
    assert.match(
      dom,
      /<th>Series groups<span class="hint">one per department × window; each refresh asks upstream once per group<\/span><\/th>/,
    );
    assert.match(
      dom,
      /<p class="muted" data-reload="none">Configuration <a href="config"><code>\/virtual\/status-test\.yml<\/code><\/a>, loaded at startup; not reloaded since\.<\/p>/,
    );
  });

  it('flags the target on a switched-off LiveChat API version, in its row and its section', async () => {
    const dom = await runChromium(chromium!, ['--dump-dom', `${stack.url}/`]);
    const row = element(dom, /<tr data-target="old-livechat">/, '</tr>');
    assert.match(
      row,
      /<span class="badge notice-error" title="LiveChat Reports API v3\.2 is switched off[^"]*" data-notice-badge="error">action needed<\/span>/,
    );
    const section = element(dom, /<section id="target-2" data-target="old-livechat">/, '</section>');
    assert.match(
      section,
      /<div class="box" data-notice="error"><strong>Action needed:<\/strong> LiveChat Reports API v3\.2 is switched off: its deprecation stage ended on 2023-03-31 \(Deprecation header\), so it may stop answering at any time\. Move api_version to 3\.6 \(docs\/livechat\.md\)\. <span class="muted">\(<time datetime="2023-03-31T00:00:00\.000Z"/,
    );
    assert.doesNotMatch(element(dom, /<tr data-target="healthy-chat">/, '</tr>'), /notice/);
  });

  it('shows a failed reload at the top of the status page, with its problems, until the next reload', async () => {
    const res = await fetch(`${stack.url}/-/reload`, { method: 'POST' });
    assert.equal(res.status, 500);
    assert.ok((await res.text()).includes(RELOAD_PROBLEM));
    const dom = await runChromium(chromium!, ['--dump-dom', `${stack.url}/`]);
    const box = element(dom, /<div class="box" data-reload="failed">/, '</div>');
    assert.match(
      box,
      /<strong>Config reload failed<\/strong> <time [^>]*>just now<\/time>: the exporter keeps running the configuration it loaded before from <a href="config"><code>/,
    );
    assert.ok(box.includes(`<li><code>${RELOAD_PROBLEM}</code></li>`), box);
    assert.ok(dom.indexOf(box) < dom.indexOf('<table class="summary">'), 'above the targets');
    assert.match(dom, /<tr data-target="healthy-chat">/, 'the running config goes on');
  });

  it('renders the debug view with requests and values, hostile department names as text', async () => {
    const dom = await runChromium(chromium!, ['--dump-dom', `${stack.url}/targets/healthy-chat`]);
    assert.match(dom, /<title>healthy-chat · livechat-exporter<\/title>/, 'no injected script ran');
    assert.ok(!/<script/i.test(dom), 'no script element in the DOM');
    // Label values are quoted as in the exposition (JSON.stringify), then HTML-escaped by the serializer.
    const shown = JSON.stringify(HOSTILE_DEPARTMENT_NAME)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
    assert.ok(dom.includes(shown) === false, 'the department name is shown as its name, not as a quoted label');
    const name = HOSTILE_DEPARTMENT_NAME.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    assert.ok(
      dom.includes(`<td>${name}<span class="hint"><code>CAJioQNAvLnYWTy8i</code></span></td>`),
      'the department name shows as text',
    );
    assert.ok(
      dom.indexOf('<table class="values">') < dom.indexOf('<table class="exchanges">'),
      'values before requests',
    );
    assert.match(
      dom,
      /<tr data-job="conversation-totalizers\|CAJioQNAvLnYWTy8i\|1h">[\s\S]*?<code>conversations<\/code> <strong>\d+<\/strong>/,
    );
    assert.match(
      dom,
      /<table class="exchanges">[\s\S]*<code>GET<\/code>[\s\S]*<dl class="query"><dt><code>start<\/code><\/dt><dd><code>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z<\/code>/,
    );
    assert.match(
      dom,
      /<summary>raw URL<\/summary><code class="url">http:\/\/127\.0\.0\.1:\d+\/api\/v1\/livechat\/analytics\/dashboards\/conversation-totalizers\?start=/,
    );
    const broken = await runChromium(chromium!, ['--dump-dom', `${stack.url}/targets/broken-chat`]);
    assert.match(broken, /<td class="num bad">401<\/td>/);
  });

  it('hides the secrets on /config', async () => {
    const text = await (await fetch(`${stack.url}/config`)).text();
    for (const secret of SECRET_VALUES) assert.ok(!text.includes(secret), `secret ${secret} in /config`);
    assert.match(text, /token: \{ env: BAD_TOKEN \}/);
  });

  it('saves screenshots to test-artifacts/', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    for (const [file, path] of [
      ['status-page.png', '/'],
      ['status-target-page.png', '/targets/healthy-chat'],
    ] as const) {
      const out = resolve(ARTIFACTS, file);
      await runChromium(chromium!, [`--screenshot=${out}`, '--window-size=1280,900', `${stack.url}${path}`]);
      assert.ok((await stat(out)).size > 10_000, `${file} looks empty`);
    }
  });
});
