import { strict as assert } from 'node:assert';
import { createLogger } from '../../src/log/createLogger';

describe('createLogger', () => {
  const capture = (
    format: 'logfmt' | 'json',
    level: 'debug' | 'info' | 'warn' | 'error' = 'info',
    redact: string[] = [],
  ) => {
    const lines: string[] = [];
    const logger = createLogger({
      level,
      format,
      write: (l) => lines.push(l),
      now: () => Date.UTC(2026, 0, 2, 3, 4, 5),
      redact: () => redact,
    });
    return { logger, lines };
  };

  it('writes logfmt with quoting where needed', () => {
    const { logger, lines } = capture('logfmt');
    logger.child({ target: 'acme' }).warn('upstream request failed', {
      endpoint: 'charts/chats',
      reason: 'http_5xx',
      status: 503,
      error: 'HTTP 503: "down"',
      skipped: undefined,
    });
    assert.equal(
      lines[0],
      'ts=2026-01-02T03:04:05.000Z level=warn msg="upstream request failed" target=acme endpoint=charts/chats reason=http_5xx status=503 error="HTTP 503: \\"down\\""\n',
    );
  });

  it('writes JSON lines', () => {
    const { logger, lines } = capture('json');
    logger.error('boom', { n: 1 });
    assert.deepEqual(JSON.parse(lines[0]!), { ts: '2026-01-02T03:04:05.000Z', level: 'error', msg: 'boom', n: 1 });
  });

  it('drops lines below the level', () => {
    const { logger, lines } = capture('logfmt', 'warn');
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    assert.equal(lines.length, 1);
  });

  it('redacts secrets wherever they appear in a line', () => {
    const { logger, lines } = capture('logfmt', 'info', ['hunter2-token']);
    logger.info('echoed', { error: 'bad token hunter2-token given' });
    assert.ok(!lines[0]!.includes('hunter2-token'));
    assert.match(lines[0]!, /<redacted>/);
  });
});
