import { strict as assert } from 'node:assert';
import { mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findChromium, runChromium } from './runChromium';
import { HOSTILE_DEPARTMENT_NAME, SECRET_VALUES, startStatusStack, type StatusStack } from './startStatusStack';

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

  it('renders the debug view with requests and values, hostile department names as text', async () => {
    const dom = await runChromium(chromium!, ['--dump-dom', `${stack.url}/targets/healthy-chat`]);
    assert.match(dom, /<title>healthy-chat · livechat-exporter<\/title>/, 'no injected script ran');
    assert.ok(!/<script/i.test(dom), 'no script element in the DOM');
    // Label values are quoted as in the exposition (JSON.stringify), then HTML-escaped by the serializer.
    const shown = JSON.stringify(HOSTILE_DEPARTMENT_NAME)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
    assert.ok(dom.includes(shown), 'the department name shows as text');
    assert.match(dom, /<table class="exchanges">[\s\S]*<code>GET<\/code>[\s\S]*conversation-totalizers\?start=/);
    assert.match(dom, /<details><summary>\d+ values?<\/summary>/);
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
