import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWebConfig, webConfigFiles } from '../../src/web/loadWebConfig';
import { WebConfigError } from '../../src/web/WebConfigError';
import { generateTestPki, type TestPki } from './generateTestPki';

describe('loadWebConfig', function () {
  this.timeout(30_000);
  let dir: string;
  let pki: TestPki;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-config-'));
    mkdirSync(join(dir, 'pki'));
    pki = generateTestPki(join(dir, 'pki'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, yaml: string): string => {
    const file = join(dir, name);
    writeFileSync(file, yaml);
    return file;
  };
  const problemsOf = async (file: string): Promise<readonly string[]> => {
    try {
      await loadWebConfig(file);
    } catch (err) {
      assert.ok(err instanceof WebConfigError, String(err));
      return err.problems;
    }
    return [];
  };

  it('reads cert, key and CA files relative to the config file', async () => {
    const file = write(
      'good.yml',
      'tls_server_config:\n  cert_file: pki/server.crt\n  key_file: pki/server.key\n' +
        '  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: pki/ca.crt\n',
    );
    const c = await loadWebConfig(file);
    assert.equal(c.tls?.cert, pki.read(pki.serverCert));
    assert.equal(c.tls?.key, pki.read(pki.serverKey));
    assert.equal(c.tls?.clientCa, pki.read(pki.caCert));
    assert.deepEqual(webConfigFiles(file, c), [file, pki.serverCert, pki.serverKey, pki.caCert]);
  });

  it('accepts inline PEM', async () => {
    const indent = (pem: string): string =>
      pem
        .trim()
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n');
    const file = write(
      'inline.yml',
      `tls_server_config:\n  cert: |\n${indent(pki.read(pki.serverCert))}\n  key: |\n${indent(pki.read(pki.serverKey))}\n`,
    );
    const c = await loadWebConfig(file);
    assert.ok(c.tls?.cert?.includes('BEGIN CERTIFICATE'));
  });

  const cases: Array<{ name: string; yaml: string; problems: (d: string) => string[] }> = [
    {
      name: 'unreadable files, with absolute paths',
      yaml: 'tls_server_config:\n  cert_file: missing.crt\n  key_file: pki/server.key\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: nope/ca.crt\n',
      problems: (d) => [
        `tls_server_config.cert_file: cannot read ${d}/missing.crt (ENOENT)`,
        `tls_server_config.client_ca_file: cannot read ${d}/nope/ca.crt (ENOENT)`,
      ],
    },
    {
      name: 'a certificate that does not match the key',
      yaml: 'tls_server_config:\n  cert_file: pki/server.crt\n  key_file: pki/client.key\n',
      problems: () => ['tls_server_config: certificate and key do not match'],
    },
    {
      name: 'files that are not PEM',
      yaml: 'tls_server_config:\n  cert_file: pki/server.ext\n  key_file: pki/server.crt\n  client_auth_type: RequireAnyClientCert\n  client_ca: not a cert\n',
      problems: () => [
        'tls_server_config.cert_file: no PEM certificate found',
        'tls_server_config.key_file: not a valid PEM private key',
        'tls_server_config.client_ca: no PEM certificate found',
      ],
    },
    {
      name: 'parse problems and file problems together',
      yaml: 'tls_server_config:\n  cert_file: gone.crt\n  key_file: pki/server.key\n  min_versoin: TLS13\nbasic_auth_users:\n  bob: plain\n',
      problems: (d) => [
        'tls_server_config.min_versoin: unknown key',
        `basic_auth_users.bob: not a valid bcrypt hash (generate one with: htpasswd -nBC 10 "" | tr -d ':\\n')`,
        `tls_server_config.cert_file: cannot read ${d}/gone.crt (ENOENT)`,
      ],
    },
  ];
  for (const { name, yaml, problems } of cases) {
    it(`rejects ${name}`, async () => {
      assert.deepEqual(await problemsOf(write(`${name.replace(/\W+/g, '-')}.yml`, yaml)), problems(dir));
    });
  }

  it('rejects a missing config file', async () => {
    assert.deepEqual(await problemsOf(join(dir, 'absent.yml')), [`cannot read ${join(dir, 'absent.yml')} (ENOENT)`]);
  });
});
