import { strict as assert } from 'node:assert';
import type { TargetConfig } from '../../../src/config/types';
import { Secret } from '../../../src/config/Secret';
import { renderStatusPage } from '../../../src/server/status/renderStatusPage';
import type { TargetView } from '../../../src/server/status/TargetView';
import {
  authError,
  fakeTargetState,
  HOSTILE_DEPARTMENT,
  HOSTILE_NAME,
  NOW,
  OUR_TAGS,
  tagNames,
} from './fakeTargetState';

const page = (targets: TargetView[]) => renderStatusPage({ now: NOW, version: '1.2.3', targets });
const view = (over: Partial<TargetView> = {}): TargetView => ({
  state: fakeTargetState(),
  budget: [],
  config: undefined,
  ...over,
});

describe('renderStatusPage', () => {
  it('shows each target with its state, last success age, and links to the other endpoints', () => {
    const out = page([
      view(),
      view({
        state: fakeTargetState({
          name: 'other',
          up: undefined,
          cycles: 0,
          lastCycleEnd: undefined,
          lastSuccess: undefined,
          jobs: [],
        }),
      }),
    ]);
    assert.match(out, /<tr data-target="acme-chat">/);
    assert.match(out, /<tr data-target="other">/);
    assert.match(out, /<span class="badge up">up<\/span>/);
    assert.match(out, /<span class="badge pending">pending<\/span>/);
    assert.match(out, />12s ago<\/time>/);
    assert.match(out, /first cycle running/);
    for (const href of ['metrics', '-/healthy', '-/ready', 'config', 'targets/acme-chat', 'targets/other'])
      assert.ok(out.includes(`href="${href}"`), href);
    assert.match(out, /version 1\.2\.3/);
  });

  it('shows a failing target as down with its reason, message, endpoint and when, and the auth block', () => {
    const e = authError();
    const out = page([
      view({ state: fakeTargetState({ up: false, lastError: e, authBlocked: e.message, lastSuccess: undefined }) }),
    ]);
    assert.match(out, /<span class="badge down">down<\/span>/);
    assert.match(out, /<span class="badge blocked"[^>]*>auth blocked<\/span>/);
    assert.match(out, /<span class="reason">auth<\/span> HTTP 401, not logged in/);
    assert.match(out, /<code>conversation-totalizers<\/code>/);
    assert.match(out, />5s ago<\/time>/);
    assert.match(out, /Auth blocked:<\/strong> HTTP 401/);
  });

  it('summarizes freshness, errors and budget per endpoint', () => {
    const failing = {
      ...fakeTargetState().jobs[1]!,
      error: { ...authError(NOW - 3_000), reason: 'http_5xx' as const, message: 'HTTP 500: Internal server error' },
    };
    const state = fakeTargetState({ jobs: [fakeTargetState().jobs[0]!, failing, fakeTargetState().jobs[2]!] });
    const out = page([
      view({
        state,
        budget: [
          { endpoint: 'conversation-totalizers', used: 7, limit: 10, periodMs: 60_000, blockedUntil: NOW + 42_000 },
          { endpoint: 'livechat-department', used: 1, limit: 10, periodMs: 60_000, blockedUntil: undefined },
        ],
      }),
    ]);
    const row = (endpoint: string) =>
      out.match(new RegExp(`<tr data-endpoint="${endpoint}">[\\s\\S]*?</tr>`))?.[0] ?? '';
    const ct = row('conversation-totalizers');
    assert.match(ct, /<td class="num">2<\/td>/, 'two series groups');
    assert.match(ct, />1m 15s ago</, 'the oldest refresh');
    assert.match(ct, /1 of 2/);
    assert.match(ct, /<span class="reason">http_5xx<\/span> HTTP 500: Internal server error/);
    assert.match(ct, /7 \/ 10 per 1m/);
    assert.match(ct, />in 42s</, 'blocked until');
    assert.match(row('charts-agents-status'), /<td class="num">1<\/td>/);
    assert.match(row('livechat-department'), /1 \/ 10 per 1m/, 'endpoints only the budget knows are listed too');
  });

  it('marks an endpoint stale once its oldest refresh is older than max_staleness', () => {
    const config = {
      name: 'acme-chat',
      kind: 'rocketchat',
      url: 'http://rc.example',
      schedule: '* * * * *',
      timezone: 'UTC',
      maxStalenessMs: 60_000,
      budget: { requests: 10, perMs: 60_000 },
    } as TargetConfig;
    const out = page([view({ config })]);
    assert.match(out, /<span class="stale"><time[^>]*>1m 15s ago<\/time>/);
    assert.match(out, /0 \/ 10 per 1m/, 'the spec stands in for usage not yet recorded');
  });

  it('escapes hostile target names, department names and error messages', () => {
    const e = {
      ...authError(),
      message: `<b onmouseover="x">boom</b> 'quoted' & Ünïcødé 日本語`,
      labels: { department_name: HOSTILE_DEPARTMENT },
    };
    const state = fakeTargetState({ name: HOSTILE_NAME, kind: '<i>kind</i>', lastError: e, authBlocked: e.message });
    const out = page([view({ state })]);
    assert.deepEqual(
      [...tagNames(out)].filter((t) => !OUR_TAGS.has(t)),
      [],
    );
    assert.ok(!out.includes('<script>') && !out.includes('<img') && !out.includes('<b '));
    assert.ok(out.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;q'));
    assert.ok(out.includes('&lt;b onmouseover=&quot;x&quot;&gt;boom&lt;/b&gt; &#39;quoted&#39; &amp; Ünïcødé 日本語'));
    assert.ok(
      out.includes('Support \\&quot;Tier 2\\&quot; &lt;img src=x onerror=alert(1)&gt; Поддержка 客服'),
      'label values are quoted as in the exposition, then escaped',
    );
    assert.ok(
      out.includes(`href="targets/${encodeURIComponent(HOSTILE_NAME).replace(/&/g, '&amp;').replace(/'/g, '&#39;')}"`),
      'links URL-encode the name',
    );
  });

  it('never shows a secret from the target config', () => {
    const config = {
      name: 'acme-chat',
      kind: 'rocketchat',
      url: 'http://rc.example',
      schedule: '* * * * *',
      timezone: 'UTC',
      maxStalenessMs: 600_000,
      budget: 'unlimited',
      options: { token: new Secret('s3cr3t-token-value', 'env:X') },
    } as unknown as TargetConfig;
    const out = page([view({ config })]);
    assert.ok(!out.includes('s3cr3t'));
    assert.match(out, /unlimited/);
  });

  it('says why there are no targets: no config yet, a config without any, or a shard that owns none', () => {
    assert.match(page([]), /No targets are running: no configuration has been applied yet/);
    const render = (owned: number, configured: number, total = 1) =>
      renderStatusPage({ now: NOW, version: '1', targets: [], shard: { index: 0, total, owned, configured } });
    assert.match(render(0, 0), /<p data-no-targets><strong>No targets configured\.<\/strong>/);
    assert.match(render(0, 5, 3), /This shard owns none of the config's 5 targets/);
  });

  it('shows the shard and how many targets it owns, only when sharded', () => {
    const sharded = renderStatusPage({
      now: NOW,
      version: '1',
      targets: [view()],
      shard: { index: 2, total: 3, owned: 1, configured: 4 },
    });
    assert.match(
      sharded,
      /<p data-shard>Shard <strong>2<\/strong> of 3 \(0 to 2\): owns <strong>1<\/strong> of the config's 4 targets/,
    );
    const single = renderStatusPage({
      now: NOW,
      version: '1',
      targets: [view()],
      shard: { index: 0, total: 1, owned: 1, configured: 1 },
    });
    assert.doesNotMatch(single, /data-shard/);
  });

  it('shows a failed reload at the top with when and every problem; the running config is named', () => {
    const out = renderStatusPage({
      now: NOW,
      version: '1.2.3',
      targets: [view()],
      configFile: '/etc/livechat-exporter/config.yml',
      lastReload: {
        status: 'failed',
        at: NOW - 90_000,
        problems: ['targets[0].timeout: invalid duration "10 seconds"', 'targets[1].kind: unknown kind "<b>x</b>"'],
      },
    });
    const box = out.match(/<div class="box" data-reload="failed">[\s\S]*?<\/div>/)?.[0] ?? '';
    assert.ok(out.indexOf(box) < out.indexOf('<table class="summary">'), 'above the targets');
    assert.match(
      box,
      /<strong>Config reload failed<\/strong> <time [^>]*>1m 30s ago<\/time>: the exporter keeps running the configuration it loaded before from <a href="config"><code>/,
    );
    assert.match(box, /<code>\/etc\/livechat-exporter\/config\.yml<\/code>/);
    assert.match(box, /<li><code>targets\[0\]\.timeout: invalid duration &quot;10 seconds&quot;<\/code><\/li>/);
    assert.match(box, /unknown kind &quot;&lt;b&gt;x&lt;\/b&gt;&quot;/);
  });

  it('shows a successful reload, or none since startup, as one quiet line', () => {
    const base = { now: NOW, version: '1.2.3', targets: [view()], configFile: '/c.yml' };
    assert.match(
      renderStatusPage({ ...base, lastReload: { status: 'reloaded', at: NOW - 5_000 } }),
      /<p class="muted" data-reload="reloaded">Configuration <a href="config"><code>\/c\.yml<\/code><\/a>; last reload <time [^>]*>5s ago<\/time>: applied\.<\/p>/,
    );
    assert.match(
      renderStatusPage(base),
      /data-reload="none">Configuration <a href="config"><code>\/c\.yml<\/code><\/a>, loaded at startup; not reloaded since\./,
    );
    assert.doesNotMatch(
      renderStatusPage({ ...base, lastReload: { status: 'unchanged', at: NOW } }),
      /data-reload="failed"/,
    );
  });

  it("flags a target's notices: a badge in its row (most urgent first) and a box in its section", () => {
    const notices = [
      { level: 'info' as const, message: 'v3.5 is legacy until 2026-12-01.' },
      { level: 'error' as const, message: 'v3.2 is switched off.', at: NOW - 86_400_000 },
    ];
    const out = page([view({ state: fakeTargetState({ notices }) })]);
    const row = out.match(/<tr data-target="acme-chat">[\s\S]*?<\/tr>/)?.[0] ?? '';
    assert.match(
      row,
      /<span class="badge notice-error" title="v3\.2 is switched off\." data-notice-badge="error">action needed<\/span>/,
    );
    const section = out.match(/<section id="target-0"[\s\S]*?<\/section>/)?.[0] ?? '';
    assert.ok(section.indexOf('data-notice="error"') < section.indexOf('data-notice="info"'), 'most urgent first');
    assert.match(
      section,
      /<strong>Action needed:<\/strong> v3\.2 is switched off\. <span class="muted">\(<time [^>]*>1d ago<\/time>\)/,
    );
    assert.match(section, /<div class="box info" data-notice="info"><strong>Notice:<\/strong> v3\.5 is legacy/);
    assert.doesNotMatch(page([view()]), /data-notice/, 'nothing without notices');
  });

  it('explains series groups and tasks where they are shown, not only in the footnote', () => {
    const out = page([
      view({ budget: [{ endpoint: 'departments', used: 1, limit: 10, periodMs: 60_000, blockedUntil: undefined }] }),
    ]);
    assert.match(
      out,
      /<th>Series groups<span class="hint">one per department × window; each refresh asks upstream once per group<\/span><\/th>/,
    );
    assert.match(
      out,
      /<tr data-endpoint="departments">\n<td><code>departments<\/code><\/td>\n<td class="num"><span class="muted">task<\/span><span class="hint">runs on its own schedule \(e\.g\. department discovery\); no series<\/span><\/td>/,
    );
  });
});
