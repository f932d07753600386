/**
 * The parsed form of an exporter-toolkit `web-config.yml` (`--web.config.file`).
 * Field names are the camelCase forms of the YAML keys; file paths are absolute.
 */
export interface WebConfig {
  /** Absent when the file configures no TLS: the server then speaks plain HTTP. */
  tls?: TlsServerConfig;
  http: HttpServerConfig;
  /** User name → bcrypt hash. Empty means no basic auth. */
  basicAuthUsers: ReadonlyMap<string, string>;
  /** Absent (or interval 0) means no rate limiting. */
  rateLimit?: RateLimitConfig;
}

/** Go `crypto/tls` client authentication policies, by their exporter-toolkit names. */
export const CLIENT_AUTH_TYPES = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
] as const;

/** One of {@link CLIENT_AUTH_TYPES}. */
export type ClientAuthType = (typeof CLIENT_AUTH_TYPES)[number];

/** TLS protocol versions, by their exporter-toolkit names. */
export const TLS_VERSIONS = ['TLS10', 'TLS11', 'TLS12', 'TLS13'] as const;

/** One of {@link TLS_VERSIONS}. */
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** `tls_server_config`. */
export interface TlsServerConfig {
  /** Absolute path of `cert_file`, when the certificate comes from a file. */
  certFile?: string;
  /** Absolute path of `key_file`, when the key comes from a file. */
  keyFile?: string;
  /** Absolute path of `client_ca_file`. */
  clientCaFile?: string;
  /**
   * Certificate chain PEM: the inline `cert`, or (after {@link WebConfig} is loaded by
   * `loadWebConfig`) the contents of `cert_file`. Same for `key` and `clientCa`.
   */
  cert?: string;
  key?: string;
  clientCa?: string;
  clientAuthType: ClientAuthType;
  /** Exact-match allow list for the client certificate's DNS / IP / email / URI SANs. */
  clientAllowedSans?: readonly string[];
  minVersion: TlsVersion;
  maxVersion: TlsVersion;
  /** Go cipher suite names, validated; see `goCipherSuitesToOpenssl` for what Node applies. */
  cipherSuites: readonly string[];
  preferServerCipherSuites: boolean;
  /** Go curve names (CurveP256, CurveP384, CurveP521, X25519), in preference order. */
  curvePreferences: readonly string[];
}

/** `http_server_config`. */
export interface HttpServerConfig {
  /** Accepted for compatibility; Node's https server here always speaks HTTP/1.1. */
  http2: boolean;
  /** Extra response headers, restricted to the exporter-toolkit allow list. */
  headers: Readonly<Record<string, string>>;
}

/** `rate_limit`: a token bucket refilled with one token per interval, holding at most `burst`. */
export interface RateLimitConfig {
  intervalMs: number;
  burst: number;
}
