import type { TLSSocket } from 'node:tls';
import { canonicalIp, subjectAltNames } from './subjectAltNames';
import type { TlsServerConfig } from './WebConfig';

/**
 * Why a freshly handshaken connection must be dropped under the configured
 * client_auth_type and client_allowed_sans, or undefined to keep it. Covers what the
 * handshake itself cannot: RequireAnyClientCert, VerifyClientCertIfGiven and SAN matching.
 */
export function clientCertRejection(socket: TLSSocket, tls: TlsServerConfig): string | undefined {
  if (tls.clientAuthType === 'NoClientCert' || tls.clientAuthType === 'RequestClientCert') return undefined;
  const cert = socket.getPeerX509Certificate();
  if (!cert) {
    return tls.clientAuthType === 'VerifyClientCertIfGiven' ? undefined : 'client did not present a certificate';
  }
  const mustVerify =
    tls.clientAuthType === 'VerifyClientCertIfGiven' || tls.clientAuthType === 'RequireAndVerifyClientCert';
  if (mustVerify && !socket.authorized) {
    return `client certificate not trusted (${String(socket.authorizationError)})`;
  }
  if (tls.clientAllowedSans) {
    const allowed = new Set(tls.clientAllowedSans.map(canonicalIp));
    const sans = subjectAltNames(cert.subjectAltName);
    if (!sans.some((san) => allowed.has(san)))
      return `client certificate SANs [${sans.join(', ')}] not in client_allowed_sans`;
  }
  return undefined;
}
