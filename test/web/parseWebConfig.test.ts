import { strict as assert } from 'node:assert';
import { parseWebConfig } from '../../src/web/parseWebConfig';
import { WebConfigError } from '../../src/web/WebConfigError';

const HASH = '$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi';
const BASE = '/etc/exporter';

function problemsOf(yaml: string): readonly string[] {
  try {
    parseWebConfig(yaml, BASE);
  } catch (err) {
    assert.ok(err instanceof WebConfigError, `expected WebConfigError, got ${String(err)}`);
    return err.problems;
  }
  return [];
}

describe('parseWebConfig', () => {
  describe('accepts', () => {
    const good: Array<{ name: string; yaml: string }> = [
      { name: 'an empty file', yaml: '' },
      { name: 'empty sections', yaml: 'tls_server_config:\nhttp_server_config:\nbasic_auth_users:\nrate_limit:\n' },
      {
        name: 'cert and key files',
        yaml: 'tls_server_config:\n  cert_file: server.crt\n  key_file: /abs/server.key\n',
      },
      {
        name: 'every TLS option',
        yaml: `tls_server_config:
  cert: "-----BEGIN CERTIFICATE-----"
  key: "-----BEGIN PRIVATE KEY-----"
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: ca.crt
  client_allowed_sans: [client.example, 10.0.0.1]
  min_version: TLS13
  max_version: TLS13
  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256]
  prefer_server_cipher_suites: false
  curve_preferences: [X25519, CurveP256]
`,
      },
      {
        name: 'the legacy RequireClientCert spelling',
        yaml: 'tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireClientCert\n',
      },
      {
        name: 'headers, http2, users and rate limit',
        yaml: `http_server_config:
  http2: false
  headers:
    X-Frame-Options: deny
    X-Content-Type-Options: nosniff
    X-XSS-Protection: 0
    Content-Security-Policy: default-src 'self'
    Strict-Transport-Security: max-age=31536000; includeSubDomains
basic_auth_users:
  alice: ${HASH}
  bob: "$2b$04$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi"
rate_limit:
  interval: 1m30s
  burst: 20
`,
      },
      { name: 'a disabled rate limit', yaml: 'rate_limit:\n  interval: 0\n  burst: 0\n' },
    ];
    for (const { name, yaml } of good) {
      it(name, () => assert.deepEqual(problemsOf(yaml), []));
    }
  });

  it('resolves relative paths against the config directory and applies defaults', () => {
    const c = parseWebConfig('tls_server_config:\n  cert_file: tls/server.crt\n  key_file: /abs/server.key\n', BASE);
    assert.equal(c.tls?.certFile, '/etc/exporter/tls/server.crt');
    assert.equal(c.tls?.keyFile, '/abs/server.key');
    assert.equal(c.tls?.minVersion, 'TLS12');
    assert.equal(c.tls?.maxVersion, 'TLS13');
    assert.equal(c.tls?.clientAuthType, 'NoClientCert');
    assert.equal(c.tls?.preferServerCipherSuites, true);
    assert.equal(c.http.http2, true);
    assert.equal(c.rateLimit, undefined);
  });

  it('keeps header values that YAML reads as numbers as written', () => {
    const c = parseWebConfig('http_server_config:\n  headers:\n    X-XSS-Protection: 0\n', BASE);
    assert.deepEqual(c.http.headers, { 'X-XSS-Protection': '0' });
  });

  it('parses users and rate limits', () => {
    const c = parseWebConfig(`basic_auth_users:\n  alice: ${HASH}\nrate_limit:\n  interval: 250ms\n  burst: 3\n`, BASE);
    assert.equal(c.basicAuthUsers.get('alice'), HASH);
    assert.deepEqual(c.rateLimit, { intervalMs: 250, burst: 3 });
  });

  describe('rejects', () => {
    const tlsOk = 'tls_server_config:\n  cert_file: a\n  key_file: b\n';
    const bad: Array<{ name: string; yaml: string; problems: string[] }> = [
      {
        name: 'broken YAML',
        yaml: 'tls_server_config: [\n',
        problems: [
          'yaml (line 2, column 1): Flow sequence in block collection must be sufficiently indented and end with a ]',
        ],
      },
      { name: 'a non-map document', yaml: '- a\n', problems: ['top level: must be a map'] },
      {
        name: 'an unknown top-level key',
        yaml: 'basic_auth_user:\n  a: b\n',
        problems: ['basic_auth_user: unknown key'],
      },
      {
        name: 'an unknown TLS key',
        yaml: `${tlsOk}  min_versoin: TLS13\n`,
        problems: ['tls_server_config.min_versoin: unknown key'],
      },
      {
        name: 'a duplicate key',
        yaml: 'rate_limit:\nrate_limit:\n',
        problems: ['yaml (line 1, column 12): Map keys must be unique'],
      },
      {
        name: 'a section of the wrong type',
        yaml: 'tls_server_config: yes\n',
        problems: ['tls_server_config: must be a map'],
      },
      {
        name: 'cert without key',
        yaml: 'tls_server_config:\n  cert_file: a\n',
        problems: ['tls_server_config: missing one of key or key_file'],
      },
      {
        name: 'key without cert',
        yaml: 'tls_server_config:\n  key: k\n',
        problems: ['tls_server_config: missing one of cert or cert_file'],
      },
      {
        name: 'TLS options without a certificate',
        yaml: 'tls_server_config:\n  min_version: TLS13\n',
        problems: [
          'tls_server_config: missing one of cert or cert_file',
          'tls_server_config: missing one of key or key_file',
        ],
      },
      {
        name: 'cert and cert_file',
        yaml: `${tlsOk}  cert: x\n`,
        problems: ['tls_server_config: cert and cert_file are mutually exclusive'],
      },
      {
        name: 'a non-string path',
        yaml: 'tls_server_config:\n  cert_file: [a]\n  key_file: b\n',
        problems: [
          'tls_server_config.cert_file: must be a string',
          'tls_server_config: missing one of cert or cert_file',
        ],
      },
      {
        name: 'an unknown client_auth_type',
        yaml: `${tlsOk}  client_auth_type: RequireAndVerify\n`,
        problems: [
          'tls_server_config.client_auth_type: unknown value "RequireAndVerify" (expected one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert)',
        ],
      },
      {
        name: 'unknown TLS versions',
        yaml: `${tlsOk}  min_version: TLS1.2\n  max_version: tls13\n`,
        problems: [
          'tls_server_config.min_version: unknown value "TLS1.2" (expected one of TLS10, TLS11, TLS12, TLS13)',
          'tls_server_config.max_version: unknown value "tls13" (expected one of TLS10, TLS11, TLS12, TLS13)',
        ],
      },
      {
        name: 'min above max',
        yaml: `${tlsOk}  min_version: TLS13\n  max_version: TLS12\n`,
        problems: ['tls_server_config: min_version TLS13 is greater than max_version TLS12'],
      },
      {
        name: 'unknown cipher suites and curves',
        yaml: `${tlsOk}  cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]\n  curve_preferences: [P-256]\n`,
        problems: [
          'tls_server_config.cipher_suites[0]: unknown cipher suite "TLS_RSA_WITH_RC4_128_SHA"',
          'tls_server_config.curve_preferences[0]: unknown curve "P-256"',
        ],
      },
      {
        name: 'a non-boolean',
        yaml: `${tlsOk}  prefer_server_cipher_suites: maybe\n`,
        problems: ['tls_server_config.prefer_server_cipher_suites: must be true or false'],
      },
      {
        name: 'a client CA with NoClientCert',
        yaml: `${tlsOk}  client_ca_file: ca.crt\n`,
        problems: ['tls_server_config: client_ca_file / client_ca is set but client_auth_type is NoClientCert'],
      },
      {
        name: 'verification without a client CA',
        yaml: `${tlsOk}  client_auth_type: RequireAndVerifyClientCert\n`,
        problems: ['tls_server_config.client_auth_type: RequireAndVerifyClientCert needs client_ca_file or client_ca'],
      },
      {
        name: 'client_allowed_sans with a lax client_auth_type',
        yaml: `${tlsOk}  client_auth_type: VerifyClientCertIfGiven\n  client_ca: x\n  client_allowed_sans: [a]\n`,
        problems: [
          'tls_server_config.client_allowed_sans: requires client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert',
        ],
      },
      {
        name: 'client_allowed_sans not a list',
        yaml: `${tlsOk}  client_auth_type: RequireAnyClientCert\n  client_allowed_sans: a\n`,
        problems: ['tls_server_config.client_allowed_sans: must be a list of strings'],
      },
      {
        name: 'an unknown http_server_config key',
        yaml: 'http_server_config:\n  http3: true\n',
        problems: ['http_server_config.http3: unknown key'],
      },
      {
        name: 'a header that cannot be configured',
        yaml: 'http_server_config:\n  headers:\n    Server: exporter\n',
        problems: [
          'http_server_config.headers.Server: header can not be configured (allowed: Content-Security-Policy, X-Frame-Options, X-Content-Type-Options, X-XSS-Protection, Strict-Transport-Security)',
        ],
      },
      {
        name: 'bad enumerated header values',
        yaml: 'http_server_config:\n  headers:\n    X-Frame-Options: DENY\n    X-Content-Type-Options: sniff\n',
        problems: [
          'http_server_config.headers.X-Frame-Options: must be one of deny, sameorigin, got "DENY"',
          'http_server_config.headers.X-Content-Type-Options: must be one of nosniff, got "sniff"',
        ],
      },
      {
        name: 'invalid bcrypt hashes, without echoing them',
        yaml: 'basic_auth_users:\n  alice: secret\n  bob: "$2y$03$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi"\n  carol:\n',
        problems: [
          `basic_auth_users.alice: not a valid bcrypt hash (generate one with: htpasswd -nBC 10 "" | tr -d ':\\n')`,
          `basic_auth_users.bob: not a valid bcrypt hash (generate one with: htpasswd -nBC 10 "" | tr -d ':\\n')`,
          'basic_auth_users.carol: missing bcrypt hash',
        ],
      },
      {
        name: 'a user name with a colon',
        yaml: `basic_auth_users:\n  "a:b": ${HASH}\n`,
        problems: ['basic_auth_users.a:b: a basic auth user name cannot contain ":"'],
      },
      {
        name: 'a bad interval',
        yaml: 'rate_limit:\n  interval: 1 second\n  burst: 1\n',
        problems: ['rate_limit.interval: must be a duration such as 1s or 500ms'],
      },
      {
        name: 'a numeric interval',
        yaml: 'rate_limit:\n  interval: 5\n  burst: 1\n',
        problems: ['rate_limit.interval: must be a duration such as 1s or 500ms'],
      },
      {
        name: 'a rate limit without burst',
        yaml: 'rate_limit:\n  interval: 1s\n',
        problems: ['rate_limit.burst: must be at least 1 when interval is set'],
      },
      {
        name: 'a fractional burst',
        yaml: 'rate_limit:\n  interval: 1s\n  burst: 1.5\n',
        problems: ['rate_limit.burst: must be an integer', 'rate_limit.burst: must be at least 1 when interval is set'],
      },
      {
        name: 'several problems at once',
        yaml: `tls_server_config:\n  cert_file: a\n  min_versoin: TLS13\nbasic_auth_users:\n  alice: nope\nrate_limit:\n  burst: x\n`,
        problems: [
          'tls_server_config.min_versoin: unknown key',
          'tls_server_config: missing one of key or key_file',
          `basic_auth_users.alice: not a valid bcrypt hash (generate one with: htpasswd -nBC 10 "" | tr -d ':\\n')`,
          'rate_limit.burst: must be an integer',
        ],
      },
    ];
    for (const { name, yaml, problems } of bad) {
      it(name, () => assert.deepEqual(problemsOf(yaml), problems));
    }
  });

  it('reports problems as one line each in the error message', () => {
    const check = (yaml: string, message: string): void => {
      assert.throws(
        () => parseWebConfig(yaml, BASE),
        (err: unknown) => {
          assert.ok(err instanceof WebConfigError);
          assert.equal(err.message, message);
          return true;
        },
      );
    };
    check('rate_limit:\n  interval: 1s\n', 'rate_limit.burst: must be at least 1 when interval is set');
    check(
      'tls_server_config:\n  min_versoin: TLS13\n',
      '3 web config problems:\n  tls_server_config.min_versoin: unknown key\n' +
        '  tls_server_config: missing one of cert or cert_file\n  tls_server_config: missing one of key or key_file',
    );
  });
});
