import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PEM file paths of a throwaway PKI generated with the openssl CLI. */
export interface TestPki {
  dir: string;
  caCert: string;
  /** Server certificate for localhost / 127.0.0.1 / ::1, signed by the CA. */
  serverCert: string;
  serverKey: string;
  /** A second server certificate (CN=rotated) for rotation tests. */
  rotatedCert: string;
  rotatedKey: string;
  /** Client certificate signed by the CA, SANs DNS:client.example, email, URI, IP 10.0.0.1. */
  clientCert: string;
  clientKey: string;
  /** Client certificate signed by an unrelated CA. */
  strangerCert: string;
  strangerKey: string;
  read(file: string): string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Generates the test PKI into `dir` (EC P-256 keys, valid for two days). */
export function generateTestPki(dir: string): TestPki {
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const ca = (name: string): void =>
    openssl(
      'req',
      '-x509',
      ...EC,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  const leaf = (name: string, issuer: string, cn: string, ext: string): void => {
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl('req', '-new', ...EC, '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${issuer}.crt`,
      '-CAkey',
      `${issuer}.key`,
      '-set_serial',
      String(Date.now() + Math.floor(Math.random() * 1e6)),
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    );
  };
  ca('ca');
  ca('other-ca');
  const serverExt = 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n';
  leaf('server', 'ca', 'localhost', serverExt);
  leaf('rotated', 'ca', 'rotated', serverExt);
  leaf(
    'client',
    'ca',
    'client',
    'subjectAltName=DNS:client.example,email:ops@example.com,URI:spiffe://example/client,IP:10.0.0.1\nextendedKeyUsage=clientAuth\n',
  );
  leaf('stranger', 'other-ca', 'stranger', 'subjectAltName=DNS:client.example\nextendedKeyUsage=clientAuth\n');
  const p = (f: string): string => join(dir, f);
  return {
    dir,
    caCert: p('ca.crt'),
    serverCert: p('server.crt'),
    serverKey: p('server.key'),
    rotatedCert: p('rotated.crt'),
    rotatedKey: p('rotated.key'),
    clientCert: p('client.crt'),
    clientKey: p('client.key'),
    strangerCert: p('stranger.crt'),
    strangerKey: p('stranger.key'),
    read: (file) => readFileSync(file, 'utf8'),
  };
}
