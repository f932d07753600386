import { strict as assert } from 'node:assert';
import type { TargetConfig } from '../../src/config/types';
import { MAX_KEEP_ALIVE_MS, upstreamPoolSizing } from '../../src/exporter/upstreamPoolSizing';

function target(name: string, url: string, over: Partial<TargetConfig> = {}): TargetConfig {
  return {
    name,
    kind: 'rocketchat',
    url,
    options: {},
    schedule: '* * * * *',
    liveSchedule: '*/30 * * * * *',
    timeoutMs: 10_000,
    retries: 0,
    concurrency: 4,
    windows: [],
    timezone: 'UTC',
    alignMs: 0,
    delayMs: 0,
    maxStalenessMs: 0,
    budget: 'unlimited',
    labels: {},
    ...over,
  };
}

describe('upstreamPoolSizing', () => {
  it("keeps sockets one schedule interval plus slack, and caps the pool at the targets' concurrency", () => {
    const s = upstreamPoolSizing([target('a', 'https://chat.example.com/base')], () => false);
    assert.deepEqual(s.get('https://chat.example.com'), { connections: 4, keepAliveMs: 75_000 });
  });

  it('sums concurrency over the targets of one origin and keeps sockets for the longest of their schedules', () => {
    const s = upstreamPoolSizing(
      [
        target('a', 'http://127.0.0.1:8080/x', { concurrency: 2, schedule: '*/15 * * * * *' }),
        target('b', 'http://127.0.0.1:8080/y', { concurrency: 3, schedule: '*/2 * * * *' }),
        target('c', 'http://127.0.0.1:9090', { concurrency: 1, schedule: '*/15 * * * * *' }),
      ],
      () => false,
    );
    assert.deepEqual(s.get('http://127.0.0.1:8080'), { connections: 5, keepAliveMs: 135_000 });
    assert.deepEqual(s.get('http://127.0.0.1:9090'), { connections: 1, keepAliveMs: 30_000 });
  });

  it('doubles the connections of a target whose live cycle may overlap its analytics one', () => {
    const t = target('a', 'http://h', { concurrency: 2, schedule: '*/10 * * * * *', liveSchedule: '*/20 * * * * *' });
    assert.deepEqual(upstreamPoolSizing([t], () => true).get('http://h'), { connections: 4, keepAliveMs: 35_000 });
  });

  it('reconnects rather than hold idle sockets across a long schedule', () => {
    const s = upstreamPoolSizing([target('a', 'http://h', { schedule: '0 * * * *' })], () => false);
    assert.equal(s.get('http://h')!.keepAliveMs, MAX_KEEP_ALIVE_MS);
  });
});
