import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManualClock } from '../../src/clock';
import { Agent } from 'undici';
import { createBudget } from '../../src/upstream/createBudget';
import { createUpstreamClient } from '../../src/upstream/createUpstreamClient';
import type { Exchange } from '../../src/upstream/UpstreamClientOptions';
import type { UpstreamHttp } from '../../src/upstream/UpstreamHttp';
import { UpstreamError } from '../../src/upstream/UpstreamError';
import { BOT_USER, dash, startRocketChat, type RocketChatHarness } from '../helpers/startRocketChat';

const MiB = 1024 * 1024;

/**
 * The client against the Rocket.Chat simulator's shared faults (what a proxy or
 * a broken server does), with a small body cap so the limits show quickly.
 */
describe('upstream client: bodies and redirects', () => {
  let sim: RocketChatHarness;
  let dispatcher: Agent;
  let exchanges: Exchange[];
  let http: UpstreamHttp;

  beforeEach(async () => {
    sim = await startRocketChat({ rateLimit: false });
    dispatcher = new Agent({ connections: 4 });
    exchanges = [];
    http = createUpstreamClient({
      baseUrl: sim.url,
      source: { requestHeaders: () => ({ 'X-User-Id': BOT_USER.userId, 'X-Auth-Token': BOT_USER.token }) },
      budget: createBudget('unlimited', sim.clock),
      clock: sim.clock,
      dispatcher,
      timeoutMs: 5_000,
      retries: 0,
      maxBodyBytes: MiB,
      onExchange: (e) => exchanges.push(e),
    });
  });
  afterEach(async () => {
    await dispatcher.destroy();
    await sim.sim.close();
  });

  const get = (signal = new AbortController().signal) =>
    http.request({ endpoint: 'charts-chats', method: 'GET', path: dash('charts/chats') }, signal);

  /** The UpstreamError a request fails with. */
  async function failure(): Promise<UpstreamError> {
    try {
      await get();
    } catch (err) {
      assert.ok(err instanceof UpstreamError, String(err));
      return err;
    }
    assert.fail('the request succeeded');
  }

  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    sim.sim.faults.add({ mode: 'huge_body', bytes: 2 * 1024 ** 3 });
    const err = await failure();
    assert.equal(err.reason, 'parse');
    assert.match(
      err.message,
      /^response of 2147483648 bytes \(Content-Length\) is over the 1048576-byte cap; not read$/,
    );
    assert.equal(exchanges.length, 1);
    assert.equal(exchanges[0]!.status, 200);
    assert.equal(exchanges[0]!.bytes, 0, 'not a byte of the body was read');
  });

  it('stops reading a chunked body at the cap', async () => {
    sim.sim.faults.add({ mode: 'huge_body', bytes: 64 * MiB, chunked: true });
    const err = await failure();
    assert.equal(err.reason, 'parse');
    assert.match(err.message, /^response larger than 1048576 bytes$/);
    assert.ok(exchanges[0]!.bytes > MiB && exchanges[0]!.bytes <= MiB + 64 * 1024, `read ${exchanges[0]!.bytes} bytes`);
  });

  it('reads a body just under the cap', async () => {
    sim.sim.faults.add({ mode: 'huge_body', bytes: MiB, chunked: true });
    const err = await failure();
    assert.match(err.message, /^invalid JSON/, 'read whole, then refused as the garbage it is');
    assert.equal(exchanges[0]!.bytes, MiB);
  });

  it('a 3xx is a redirect, not followed, and its message names only the origin it points at', async () => {
    sim.sim.faults.add({ mode: 'redirect' });
    const err = await failure();
    assert.equal(err.reason, 'redirect');
    assert.equal(err.status, 302);
    assert.equal(err.message, 'HTTP 302 redirect to https://sso.example.net, not followed');
    assert.equal(sim.sim.requests.all().length, 1, 'not followed');
  });

  it('a redirect within the target names its own origin', async () => {
    sim.sim.faults.add({ mode: 'redirect', location: '/login?token=abc' });
    const err = await failure();
    assert.equal(err.message, `HTTP 302 redirect to ${new URL(sim.url).origin}, not followed`);
  });
});

describe('upstream client: text split across chunks', () => {
  it('decodes a character whose bytes arrive in different chunks', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'Поддержка 客服 😀' }), 'utf8');
    // One byte per write, each flushed on its own tick: every multi-byte character straddles chunks.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let i = 0;
      const next = () => {
        if (i === body.length) return res.end();
        res.write(body.subarray(i, ++i));
        setTimeout(next, 1);
      };
      next();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const dispatcher = new Agent({ connections: 1 });
    const clock = createManualClock(Date.now());
    const chunks: number[] = [];
    try {
      const http = createUpstreamClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        source: { requestHeaders: () => ({}) },
        budget: createBudget('unlimited', clock),
        clock,
        dispatcher,
        timeoutMs: 10_000,
        retries: 0,
        onExchange: (e) => chunks.push(e.bytes),
      });
      const res = await http.request({ endpoint: 'x', method: 'GET', path: '/x' }, new AbortController().signal);
      assert.deepEqual(res.json, { name: 'Поддержка 客服 😀' });
      assert.deepEqual(chunks, [body.length]);
    } finally {
      await dispatcher.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});
