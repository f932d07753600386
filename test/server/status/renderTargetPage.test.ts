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
  it('lists recent requests newest first with method, URL and query, status, duration, size and error', () => {
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
      /conversation-totalizers\?start=2024-05-15T13%3A30%3A00\.000Z&amp;end=/,
      'URL with its query, escaped',
    );
    assert.match(rows[2]!, /<td class="num ">200<\/td>/);
    assert.match(rows[2]!, /42 ms/);
    assert.match(rows[2]!, /1\.5 KiB/);
  });

  it("shows every job's parsed values with labels and refresh time", () => {
    const out = renderTargetPage({
      now: NOW,
      version: '1.2.3',
      target: { state: fakeTargetState(), budget: [], config: undefined },
    });
    const job = out.match(/<tr data-job="conversation-totalizers\|d1\|1h">[\s\S]*?<\/details>/)?.[0] ?? '';
    assert.match(job, />1m 15s ago</);
    assert.match(
      job,
      /<code>rocketchat_conversations<\/code><\/td><td><code>\{status=&quot;open&quot;\}<\/code><\/td><td class="num">2<\/td>/,
    );
    assert.match(out, /Parsed values per series group \(3\)/);
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
    assert.ok(out.includes(HOSTILE_DEPARTMENT.replace(/"/g, '\\&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
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
