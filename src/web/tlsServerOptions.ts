import type { SecureContextOptions } from 'node:tls';
import { GO_CIPHER_SUITES, GO_CURVES, NODE_TLS_VERSIONS } from './goTlsNames';
import type { TlsServerConfig } from './WebConfig';

/** What a Node TLS server needs to enforce a `tls_server_config`. */
export interface TlsServerOptions {
  /** For `https.createServer` / `server.setSecureContext`. */
  context: SecureContextOptions;
  /** Ask clients for a certificate (every client_auth_type except NoClientCert). */
  requestCert: boolean;
  /**
   * Fail the handshake unless the client certificate verifies against the CA
   * (RequireAndVerifyClientCert). The softer policies are enforced after the handshake
   * by `clientCertRejection`, because OpenSSL has no "verify only if given" mode.
   */
  rejectUnauthorized: boolean;
}

/**
 * Translates a loaded `tls_server_config` (PEM already in `cert`/`key`/`clientCa`)
 * into Node TLS options. TLS 1.3 cipher suites are left at OpenSSL's defaults, as Go does.
 */
export function tlsServerOptions(tls: TlsServerConfig): TlsServerOptions {
  if (!tls.cert || !tls.key) throw new Error('tls_server_config: certificate and key are not loaded');
  const context: SecureContextOptions = {
    cert: tls.cert,
    key: tls.key,
    minVersion: NODE_TLS_VERSIONS[tls.minVersion],
    maxVersion: NODE_TLS_VERSIONS[tls.maxVersion],
    honorCipherOrder: tls.preferServerCipherSuites,
  };
  if (tls.clientCa) context.ca = tls.clientCa;
  const tls12Ciphers = tls.cipherSuites
    .map((name) => GO_CIPHER_SUITES.get(name))
    .filter((c): c is string => c !== undefined);
  if (tls12Ciphers.length > 0) context.ciphers = tls12Ciphers.join(':');
  const curves = tls.curvePreferences.map((name) => GO_CURVES.get(name)).filter((c): c is string => c !== undefined);
  if (curves.length > 0) context.ecdhCurve = curves.join(':');
  return {
    context,
    requestCert: tls.clientAuthType !== 'NoClientCert',
    rejectUnauthorized: tls.clientAuthType === 'RequireAndVerifyClientCert',
  };
}
