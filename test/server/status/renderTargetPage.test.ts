import { strict as assert } from 'node:assert';
import { UpstreamError } from '../../../src/upstream/UpstreamError';
import { renderTargetPage } from '../../../src/server/status/renderTargetPage';
import {
  authError,
  fakeTargetState,
  HOSTILE_DEPARTMENT,
  HOSTILE_NAME,
  NOW,
  OUR_TAGS,
  tagNames,
} from './fakeTargetState';

describe('renderTargetPage', () => {
  it('lists recent requests newest first with endpoint, method, decoded query, status, duration, size and error', () => {
    const state = fakeTargetState({
      recentExchanges: [
        ...fakeTargetState().recentExchanges,
        {
          endpoint: 'charts-agents-status',
          method: 'GET',
          url: 'http://rc.example/api/v1/livechat/analytics/dashboards/charts/agents-status',
          status: 401,
          durationMs: 3.2,
          bytes: 80,
          at: NOW - 2_000,
          error: new UpstreamError('auth', 'HTTP 401, not logged in'),
        },
        {
          endpoint: 'charts-agents-status',
          method: 'GET',
          url: 'http://rc.example/x',
          status: undefined,
          durationMs: 10_000,
          bytes: 0,
          at: NOW - 1_000,
          error: new UpstreamError('timeout', 'request timed out'),
        },
      ],
    });
    const out = renderTargetPage({ now: NOW, version: '1.2.3', target: { state, budget: [], config: undefined } });
    const rows = [...out.matchAll(/<table class="exchanges">[\s\S]*?<\/table>/g)][0]![0].split('<tr>').slice(2);
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /request timed out/);
    assert.match(rows[0]!, /<span class="muted">none<\/span>/, 'no status when no response arrived');
    assert.match(rows[1]!, /<td class="num bad">401<\/td>/);
    assert.match(rows[1]!, /<span class="reason">auth<\/span> HTTP 401, not logged in/);
    assert.match(rows[2]!, /<code>GET<\/code>/);
    assert.match(
      rows[2]!,
      /<code class="url">\/api\/v1\/livechat\/analytics\/dashboards\/conversation-totalizers<\/code><dl class="query"><dt><code>start<\/code><\/dt><dd><code>2024-05-15T13:30:00\.000Z<\/code><\/dd><dt><code>end<\/code>/,
      'the path, then each query parameter decoded',
    );
    assert.match(
      rows[2]!,
      /<details><summary>raw URL<\/summary><code class="url">http:\/\/rc\.example\/api\/v1\/livechat\/analytics\/dashboards\/conversation-totalizers\?start=2024-05-15T13%3A30%3A00\.000Z&amp;end=/,
      'the raw URL, escaped, folded away',
    );
    assert.match(rows[2]!, /<td class="num ">200<\/td>/);
    assert.match(rows[2]!, /42 ms/);
    assert.match(rows[2]!, /1\.5 KiB/);
  });

  it('leads with a table by endpoint × department × window: decoded values, freshness, last error', () => {
    const out = renderTargetPage({
      now: NOW,
      version: '1.2.3',
      target: { state: fakeTargetState(), budget: [], config: undefined },
    });
    assert.match(out, /Values by endpoint, department and window \(3 series groups\)/);
    assert.ok(out.indexOf('<table class="values">') < out.indexOf('<table class="exchanges">'), 'values first');
    const job = out.match(/<tr data-job="conversation-totalizers\|d1\|1h">[\s\S]*?<\/tr>/)?.[0] ?? '';
    assert.match(
      job,
      /<td>Support &quot;Tier 2&quot; &lt;img src=x onerror=alert\(1\)&gt; Поддержка 客服<span class="hint"><code>d1<\/code><\/span><\/td>/,
    );
    assert.match(job, /<td class="nowrap">1h<\/td>/);
    assert.match(job, /<code>conversations\{status=&quot;open&quot;\}<\/code> <strong>2<\/strong>/);
    assert.match(job, />1m 15s ago</);
    const first = out.match(/<tr data-job="conversation-totalizers\|all\|1h">[\s\S]*?<\/tr>/)?.[0] ?? '';
    assert.match(
      first,
      /<td rowspan="2"><code>conversation-totalizers<\/code><\/td>/,
      'one endpoint cell per endpoint',
    );
    assert.match(first, /<td>All departments<\/td>/);
  });

  it('shows a series group without a window (live or not windowed) as "now", without a department as —', () => {
    const out = renderTargetPage({
      now: NOW,
      version: '1.2.3',
      target: { state: fakeTargetState(), budget: [], config: undefined },
    });
    const job = out.match(/<tr data-job="charts-agents-status\|all\|">[\s\S]*?<\/tr>/)?.[0] ?? '';
    assert.match(job, /<td><span class="muted">—<\/span><\/td>\n<td class="nowrap">now<span class="hint">/);
    assert.match(job, /<code>agents\{status=&quot;available&quot;\}<\/code> <strong>4<\/strong>/);
  });

  it('decodes values by unit, flags values older than max_staleness and folds long lists', () => {
    const values = [
      { name: 'livechat_exporter_livechat_response_time_avg_seconds', labels: {}, value: 75.5 },
      { name: 'livechat_exporter_rocketchat_abandoned_chats_ratio', labels: {}, value: 0.125 },
      ...Array.from({ length: 10 }, (_, i) => ({
        name: 'livechat_exporter_livechat_tag_chats',
        labels: { window: '24h', tag: `tag-${i}` },
        value: i,
      })),
    ];
    const job = {
      key: 'tags|24h',
      endpoint: 'tags',
      labels: { window: '24h' },
      refreshedAt: NOW - 3_600_000,
      error: undefined,
      values,
    };
    const out = renderTargetPage({
      now: NOW,
      version: '1.2.3',
      target: {
        state: fakeTargetState({ kind: 'livechat', jobs: [job] }),
        budget: [],
        config: {
          maxStalenessMs: 600_000,
          url: 'https://api.example',
          schedule: '* * * * *',
          timezone: 'UTC',
        } as never,
      },
    });
    assert.match(out, /<code>response_time_avg_seconds<\/code> <strong>1m 15s<\/strong>/);
    assert.match(out, /<code>rocketchat_abandoned_chats_ratio<\/code> <strong>12\.5 %<\/strong>/);
    assert.match(
      out,
      /<code>tag_chats\{tag=&quot;tag-0&quot;\}<\/code> <strong>0<\/strong>/,
      'labels the row shows are left out',
    );
    assert.match(out, /<details><summary>4 more<\/summary>/);
    assert.match(
      out,
      /<span class="stale"><time [^>]*>1h ago<\/time><\/span><span class="hint">older than max_staleness/,
    );
  });

  it('shows the notices the source reports', () => {
    const out = renderTargetPage({
      now: NOW,
      version: '1.2.3',
      target: {
        state: fakeTargetState({
          notices: [{ level: 'error', message: 'API v3.2 is switched off.', at: NOW - 86_400_000 }],
        }),
        budget: [],
        config: undefined,
      },
    });
    assert.match(
      out,
      /<div class="box" data-notice="error"><strong>Action needed:<\/strong> API v3\.2 is switched off\. <span class="muted">\(<time [^>]*>1d ago<\/time>\)<\/span><\/div>/,
    );
  });

  it('shows the failing reason of a target and of a job', () => {
    const e = authError();
    const jobs = [{ ...fakeTargetState().jobs[0]!, error: e }];
    const out = renderTargetPage({
      now: NOW,
      version: '1.2.3',
      target: {
        state: fakeTargetState({ up: false, lastError: e, authBlocked: e.message, jobs }),
        budget: [],
        config: undefined,
      },
    });
    assert.match(out, /<span class="badge down">down<\/span>/);
    assert.match(out, /data-last-error><strong>Last error:<\/strong> <span class="reason">auth<\/span>/);
    assert.match(out, /<tr data-job="conversation-totalizers\|all\|1h">[\s\S]*?<span class="reason">auth<\/span>/);
  });

  it('escapes hostile names, labels, URLs and error messages', () => {
    const state = fakeTargetState({
      name: HOSTILE_NAME,
      recentExchanges: [
        {
          endpoint: 'x',
          method: 'GET',
          url: 'http://rc.example/?q="><script>alert(1)</script>',
          status: 500,
          durationMs: 1,
          bytes: 1,
          at: NOW,
          error: new UpstreamError('http_5xx', '<svg onload=alert(1)>'),
        },
      ],
    });
    const out = renderTargetPage({ now: NOW, version: '1.2.3', target: { state, budget: [], config: undefined } });
    assert.deepEqual(
      [...tagNames(out)].filter((t) => !OUR_TAGS.has(t)),
      [],
    );
    assert.ok(
      out.includes('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;q · livechat-exporter</title>'),
    );
    assert.ok(out.includes('q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(out.includes('&lt;svg onload=alert(1)&gt;'));
    assert.ok(out.includes(HOSTILE_DEPARTMENT.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
    assert.ok(
      out.includes('<dd><code>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code></dd>'),
      'decoded, escaped',
    );
  });

  it('links back relative to /targets/:name', () => {
    const out = renderTargetPage({
      now: NOW,
      version: '1.2.3',
      target: { state: fakeTargetState(), budget: [], config: undefined },
    });
    for (const href of ['../', '../metrics', '../config', '../-/healthy', '../-/ready'])
      assert.ok(out.includes(`href="${href}"`), href);
  });
});
