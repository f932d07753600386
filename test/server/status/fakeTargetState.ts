import type { LastError } from '../../../src/poll/TargetState';
import type { StatusTargetState } from '../../../src/server/status/TargetView';

/** 2024-05-15 14:30:00 UTC, the "now" of the renderer tests. */
export const NOW = Date.UTC(2024, 4, 15, 14, 30, 0);

/** A target name no config would accept, to prove the renderers escape whatever they are given. */
export const HOSTILE_NAME = `<script>alert("x")</script>&'q`;

/** A department name with markup, quotes and two non-Latin scripts. */
export const HOSTILE_DEPARTMENT = `Support "Tier 2" <img src=x onerror=alert(1)> Поддержка 客服`;

/** An error as a failing Rocket.Chat target records it. */
export function authError(at = NOW - 5_000): LastError {
  return {
    at,
    endpoint: 'conversation-totalizers',
    reason: 'auth',
    message: 'HTTP 401, not logged in (check user id and token): You must be logged in to do this.',
    labels: { department: 'all', department_name: 'All departments', window: '1h' },
  };
}

/** A healthy target's state (two endpoints, one department with a hostile name), overridable field by field. */
export function fakeTargetState(over: Partial<StatusTargetState> = {}): StatusTargetState {
  return {
    name: 'acme-chat',
    kind: 'rocketchat',
    up: true,
    cycles: 3,
    lastCycleEnd: NOW - 12_000,
    lastSuccess: NOW - 12_000,
    lastDurationMs: 84,
    lastError: undefined,
    authBlocked: undefined,
    jobs: [
      {
        key: 'conversation-totalizers|all|1h',
        endpoint: 'conversation-totalizers',
        labels: { department: 'all', department_name: 'All departments', window: '1h' },
        refreshedAt: NOW - 12_000,
        error: undefined,
        values: [{ name: 'rocketchat_conversations', labels: { status: 'open' }, value: 7 }],
      },
      {
        key: 'conversation-totalizers|d1|1h',
        endpoint: 'conversation-totalizers',
        labels: { department: 'd1', department_name: HOSTILE_DEPARTMENT, window: '1h' },
        refreshedAt: NOW - 75_000,
        error: undefined,
        values: [{ name: 'rocketchat_conversations', labels: { status: 'open' }, value: 2 }],
      },
      {
        key: 'charts-agents-status|all|',
        endpoint: 'charts-agents-status',
        labels: {},
        refreshedAt: NOW - 12_000,
        error: undefined,
        values: [{ name: 'rocketchat_agents', labels: { status: 'available' }, value: 4 }],
      },
    ],
    budget: [],
    recentExchanges: [
      {
        endpoint: 'conversation-totalizers',
        method: 'GET',
        url: 'http://rc.example/api/v1/livechat/analytics/dashboards/conversation-totalizers?start=2024-05-15T13%3A30%3A00.000Z&end=2024-05-15T14%3A30%3A00.000Z',
        status: 200,
        durationMs: 42.4,
        bytes: 1536,
        at: NOW - 12_500,
      },
    ],
    notices: [],
    ...over,
  };
}

/** Tag names in a piece of markup, to check that nothing but our own elements made it into the page. */
export function tagNames(markup: string): Set<string> {
  return new Set([...markup.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase()));
}

/** Every element the pages are made of; anything else means some input was not escaped. */
export const OUR_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'header',
  'h1',
  'h2',
  'h3',
  'nav',
  'a',
  'span',
  'main',
  'footer',
  'time',
  'p',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'section',
  'div',
  'strong',
  'dl',
  'dt',
  'dd',
  'code',
  'br',
  'details',
  'summary',
  'ul',
  'li',
]);
