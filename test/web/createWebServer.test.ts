import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import type { PasswordComparator } from '../../src/web/createBasicAuthVerifier';
import { WebConfigError } from '../../src/web/WebConfigError';
import { createWebServer, type WebServer, type WebServerOptions } from '../../src/web/createWebServer';
import { fetchOnce } from './fetchOnce';
import { generateTestPki, type TestPki } from './generateTestPki';

const ok = (_req: IncomingMessage, res: ServerResponse): void => {
  res.end('metrics here');
};

describe('createWebServer', function () {
  this.timeout(30_000);
  let dir: string;
  let pki: TestPki;
  let aliceHash: string;
  const running: WebServer[] = [];
  let errors: string[];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-server-'));
    pki = generateTestPki(dir);
    aliceHash = bcrypt.hashSync('s3cret', 4);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    errors = [];
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close(1000)));
  });

  let configCount = 0;
  /** Writes a web config into the PKI directory so relative cert paths resolve there. */
  const writeConfig = (yaml: string, file = join(dir, `web-${++configCount}.yml`)): string => {
    // Write-and-rename: a new inode, as config management tools do.
    writeFileSync(`${file}.tmp`, yaml);
    renameSync(`${file}.tmp`, file);
    return file;
  };
  const start = async (
    yaml: string | undefined,
    extra: Partial<WebServerOptions> = {},
  ): Promise<{ port: number; file?: string; server: WebServer }> => {
    const file = yaml === undefined ? undefined : writeConfig(yaml);
    const server = await createWebServer({
      handler: ok,
      ...(file ? { webConfigFile: file } : {}),
      logger: { info: () => undefined, error: (m) => errors.push(m) },
      reloadIntervalMs: 0,
      ...extra,
    });
    running.push(server);
    const { port } = await server.listen('127.0.0.1', 0);
    return { port, ...(file ? { file } : {}), server };
  };

  const tlsYaml = 'tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n';
  const trust = (): RequestOptions => ({ ca: pki.read(pki.caCert) });
  const withClient = (cert: string, key: string): RequestOptions => ({
    ...trust(),
    cert: pki.read(cert),
    key: pki.read(key),
  });

  describe('without a web config', () => {
    it('serves plain HTTP', async () => {
      const { port, server } = await start(undefined);
      assert.equal(server.tls, false);
      const res = await fetchOnce(port);
      assert.equal(res.status, 200);
      assert.equal(res.body, 'metrics here');
    });
  });

  it('refuses to start with an invalid config', async () => {
    await assert.rejects(
      start('tls_server_config:\n  cert_file: server.crt\n  min_versoin: TLS13\n'),
      (err: unknown) => {
        assert.ok(err instanceof WebConfigError);
        assert.deepEqual(err.problems, [
          'tls_server_config.min_versoin: unknown key',
          'tls_server_config: missing one of key or key_file',
        ]);
        return true;
      },
    );
  });

  describe('TLS', () => {
    it('serves HTTPS with the configured certificate', async () => {
      const { port, server } = await start(tlsYaml);
      assert.equal(server.tls, true);
      const res = await fetchOnce(port, { tls: trust() });
      assert.equal(res.status, 200);
      assert.equal(res.serverCn, 'localhost');
    });

    it('rejects clients below min_version', async () => {
      const { port } = await start(`${tlsYaml}  min_version: TLS13\n`);
      await assert.rejects(fetchOnce(port, { tls: { ...trust(), maxVersion: 'TLSv1.2' } }), { code: 'EPROTO' });
      assert.equal((await fetchOnce(port, { tls: { ...trust(), minVersion: 'TLSv1.3' } })).status, 200);
    });

    it('applies max_version and TLS 1.2 cipher suites', async () => {
      const { port } = await start(
        `${tlsYaml}  max_version: TLS12\n  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\n`,
      );
      await assert.rejects(fetchOnce(port, { tls: { ...trust(), minVersion: 'TLSv1.3' } }), { code: 'EPROTO' });
      await assert.rejects(fetchOnce(port, { tls: { ...trust(), ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' } }), {
        code: 'EPROTO',
      });
      assert.equal((await fetchOnce(port, { tls: trust() })).status, 200);
    });

    describe('RequireAndVerifyClientCert', () => {
      const mtls = `${tlsYaml}  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n`;
      it('fails the handshake without a client certificate', async () => {
        const { port } = await start(mtls);
        await assert.rejects(fetchOnce(port, { tls: trust() }), { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
      });
      it('fails with a certificate from another CA', async () => {
        const { port } = await start(mtls);
        // Node verifies after the TLS 1.3 handshake and resets the connection.
        await assert.rejects(fetchOnce(port, { tls: withClient(pki.strangerCert, pki.strangerKey) }), {
          code: 'ECONNRESET',
        });
      });
      it('serves a client certificate signed by the CA', async () => {
        const { port } = await start(mtls);
        assert.equal((await fetchOnce(port, { tls: withClient(pki.clientCert, pki.clientKey) })).status, 200);
      });
    });

    describe('client_allowed_sans', () => {
      const mtls = `${tlsYaml}  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n`;
      it('accepts a client whose DNS or IP SAN is listed', async () => {
        for (const san of ['client.example', '10.0.0.1', 'spiffe://example/client', 'ops@example.com']) {
          const { port } = await start(`${mtls}  client_allowed_sans: [other.example, "${san}"]\n`);
          assert.equal((await fetchOnce(port, { tls: withClient(pki.clientCert, pki.clientKey) })).status, 200, san);
        }
      });
      it('drops a verified client whose SANs are not listed', async () => {
        const { port } = await start(`${mtls}  client_allowed_sans: [other.example]\n`);
        await assert.rejects(fetchOnce(port, { tls: withClient(pki.clientCert, pki.clientKey) }), {
          code: 'ECONNRESET',
        });
      });
    });

    it('RequireAnyClientCert wants a certificate but not a trusted one', async () => {
      const { port } = await start(`${tlsYaml}  client_auth_type: RequireAnyClientCert\n`);
      await assert.rejects(fetchOnce(port, { tls: trust() }), { code: 'ECONNRESET' });
      assert.equal((await fetchOnce(port, { tls: withClient(pki.strangerCert, pki.strangerKey) })).status, 200);
    });

    it('VerifyClientCertIfGiven verifies only certificates that are sent', async () => {
      const { port } = await start(`${tlsYaml}  client_auth_type: VerifyClientCertIfGiven\n  client_ca_file: ca.crt\n`);
      assert.equal((await fetchOnce(port, { tls: trust() })).status, 200);
      assert.equal((await fetchOnce(port, { tls: withClient(pki.clientCert, pki.clientKey) })).status, 200);
      await assert.rejects(fetchOnce(port, { tls: withClient(pki.strangerCert, pki.strangerKey) }), {
        code: 'ECONNRESET',
      });
    });
  });

  describe('basic auth', () => {
    const users = (): string => `basic_auth_users:\n  alice: ${aliceHash}\n`;

    it('admits the right credentials and answers 401 + WWW-Authenticate otherwise', async () => {
      const { port } = await start(tlsYaml + users());
      const tls = trust();
      assert.equal((await fetchOnce(port, { tls, auth: 'alice:s3cret' })).status, 200);
      for (const auth of ['alice:wrong', 'mallory:s3cret', undefined]) {
        const res = await fetchOnce(port, { tls, ...(auth ? { auth } : {}) });
        assert.equal(res.status, 401, String(auth));
        assert.equal(res.headers['www-authenticate'], 'Basic');
        assert.equal(res.body, 'Unauthorized');
      }
    });

    it('applies to every path, over plain HTTP too', async () => {
      const { port } = await start(users());
      assert.equal((await fetchOnce(port, { path: '/' })).status, 401);
      assert.equal((await fetchOnce(port, { path: '/anything?x=1' })).status, 401);
      assert.equal((await fetchOnce(port, { path: '/', auth: 'alice:s3cret' })).status, 200);
    });

    it('runs one bcrypt compare for an unknown user and one for a wrong password', async () => {
      const hashes: string[] = [];
      const compare: PasswordComparator = (password, hash) => {
        hashes.push(hash);
        return bcrypt.compare(password, hash);
      };
      const { port } = await start(users(), { compare });
      await fetchOnce(port, { auth: 'mallory:s3cret' });
      assert.equal(hashes.length, 1);
      await fetchOnce(port, { auth: 'alice:wrong' });
      assert.equal(hashes.length, 2);
      assert.equal(bcrypt.getRounds(hashes[0] ?? ''), bcrypt.getRounds(aliceHash));
      // Successes are cached: repeated scrapes cost one compare in total.
      await fetchOnce(port, { auth: 'alice:s3cret' });
      await fetchOnce(port, { auth: 'alice:s3cret' });
      assert.equal(hashes.length, 3);
    });
  });

  it('adds the configured security headers to every response', async () => {
    const { port } = await start(
      `${tlsYaml}http_server_config:\n  headers:\n    X-Frame-Options: deny\n    Strict-Transport-Security: max-age=63072000\n` +
        `    Content-Security-Policy: "default-src 'none'"\nbasic_auth_users:\n  alice: ${aliceHash}\n`,
    );
    for (const auth of ['alice:s3cret', 'alice:nope']) {
      const res = await fetchOnce(port, { tls: trust(), auth });
      assert.equal(res.headers['x-frame-options'], 'deny');
      assert.equal(res.headers['strict-transport-security'], 'max-age=63072000');
      assert.equal(res.headers['content-security-policy'], "default-src 'none'");
    }
  });

  it('answers 429 beyond the rate limit', async () => {
    const { port } = await start('rate_limit:\n  interval: 1h\n  burst: 2\n');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetchOnce(port)).status);
    assert.deepEqual(statuses, [200, 200, 429]);
  });

  describe('reload', () => {
    it('picks up changed users', async () => {
      const { port, file } = await start(`basic_auth_users:\n  alice: ${aliceHash}\n`);
      assert.equal((await fetchOnce(port, { auth: 'alice:s3cret' })).status, 200);
      writeConfig(`basic_auth_users:\n  bob: ${bcrypt.hashSync('b0b', 4)}\n`, file);
      assert.equal((await fetchOnce(port, { auth: 'alice:s3cret' })).status, 401);
      assert.equal((await fetchOnce(port, { auth: 'bob:b0b' })).status, 200);
      assert.deepEqual(errors, []);
    });

    it('picks up a rotated certificate when only the certificate files change', async () => {
      copyFileSync(pki.serverCert, join(dir, 'live.crt'));
      copyFileSync(pki.serverKey, join(dir, 'live.key'));
      const { port } = await start('tls_server_config:\n  cert_file: live.crt\n  key_file: live.key\n');
      assert.equal((await fetchOnce(port, { tls: trust() })).serverCn, 'localhost');
      // Key first, then cert: in between, the pair does not match and must be ignored.
      writeConfig(pki.read(pki.rotatedKey), join(dir, 'live.key'));
      assert.equal((await fetchOnce(port, { tls: trust() })).serverCn, 'localhost');
      writeConfig(pki.read(pki.rotatedCert), join(dir, 'live.crt'));
      await fetchOnce(port, { tls: trust() }); // this request notices the change; the next connection uses it
      assert.equal((await fetchOnce(port, { tls: trust() })).serverCn, 'rotated');
      assert.equal(errors.length, 1);
      assert.match(errors[0] ?? '', /certificate and key do not match/);
    });

    it('keeps the last good config when the file becomes invalid, reporting once', async () => {
      const { port, file } = await start(`${tlsYaml}basic_auth_users:\n  alice: ${aliceHash}\n`);
      writeConfig(`${tlsYaml}  min_versoin: TLS13\nbasic_auth_users:\n  alice: ${aliceHash}\n`, file);
      for (let i = 0; i < 2; i++)
        assert.equal((await fetchOnce(port, { tls: trust(), auth: 'alice:s3cret' })).status, 200);
      assert.deepEqual(errors, [
        'web config reload failed, keeping the previous config: tls_server_config.min_versoin: unknown key',
      ]);
      writeConfig(`${tlsYaml}basic_auth_users:\n  alice: ${bcrypt.hashSync('n3w', 4)}\n`, file);
      assert.equal((await fetchOnce(port, { tls: trust(), auth: 'alice:n3w' })).status, 200);
    });

    it('applies a changed client_auth_type to new connections', async () => {
      const { port, file } = await start(tlsYaml);
      assert.equal((await fetchOnce(port, { tls: trust() })).status, 200);
      writeConfig(`${tlsYaml}  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n`, file);
      await fetchOnce(port, { tls: trust() }).catch(() => undefined); // triggers the reload
      await assert.rejects(fetchOnce(port, { tls: trust() }), { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
      assert.equal((await fetchOnce(port, { tls: withClient(pki.clientCert, pki.clientKey) })).status, 200);
    });

    it('refuses to switch between HTTPS and HTTP without a restart', async () => {
      const { port, file } = await start(tlsYaml);
      writeConfig('basic_auth_users:\n', file);
      assert.equal((await fetchOnce(port, { tls: trust() })).status, 200);
      assert.deepEqual(errors, [
        'web config reload failed, keeping the previous config: switching between HTTP and HTTPS needs a restart',
      ]);
    });
  });

  describe('close', () => {
    it('ends idle keep-alive connections', async () => {
      const { port, server } = await start(undefined);
      const agent = new HttpAgent({ keepAlive: true });
      const res = await fetchOnce(port, { path: '/', agent });
      assert.equal(res.status, 200);
      const socket = Object.values(agent.freeSockets).flat()[0];
      assert.ok(socket, 'the agent should hold an idle keep-alive socket');
      const closed = new Promise((r) => socket.once('close', r));
      await server.close(5000);
      await closed;
      agent.destroy();
    });

    it('destroys connections with requests still in flight once the bound passes', async () => {
      const hang = (): void => undefined;
      const { port, server } = await start(tlsYaml, { handler: hang });
      const pending = fetchOnce(port, { tls: trust() });
      const failed = assert.rejects(pending);
      await new Promise((r) => setTimeout(r, 100));
      await server.close(100);
      await failed;
    });
  });
});
