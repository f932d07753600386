import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { checkWebConfig } from './parseWebConfig';
import { tlsServerOptions } from './tlsServerOptions';
import type { TlsServerConfig, WebConfig } from './WebConfig';
import { WebConfigError } from './WebConfigError';

/**
 * Reads and strictly validates an exporter-toolkit web config file, including the
 * certificate, key and client CA it references (relative paths are taken from the
 * config file's directory). On success, `tls.cert` / `tls.key` / `tls.clientCa` hold
 * the PEM text whichever way it was given. Throws a {@link WebConfigError} listing
 * every problem. With `skipFiles` (`--config.check.skip-secrets`) the referenced files
 * are not read: a private key is a secret, absent where only the config is checked.
 */
export async function loadWebConfig(path: string, options: { skipFiles?: boolean } = {}): Promise<WebConfig> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new WebConfigError([`cannot read ${file} (${errorCode(err)})`], file);
  }
  const { config, problems } = checkWebConfig(text, dirname(file));
  if (config.tls) await loadTlsMaterial(config.tls, problems, options.skipFiles === true);
  if (problems.length > 0) throw new WebConfigError(problems, file);
  return config;
}

/** Every file a loaded config depends on, so a watcher notices rotated certificates too. */
export function webConfigFiles(path: string, config: WebConfig): string[] {
  const t = config.tls;
  return [resolve(path), t?.certFile, t?.keyFile, t?.clientCaFile].filter((f): f is string => f !== undefined);
}

async function loadTlsMaterial(tls: TlsServerConfig, problems: string[], skipFiles: boolean): Promise<void> {
  const p = 'tls_server_config';
  const read = async (file: string | undefined, key: string): Promise<string | undefined> => {
    if (file === undefined || skipFiles) return undefined;
    try {
      return await readFile(file, 'utf8');
    } catch (err) {
      problems.push(`${p}.${key}: cannot read ${file} (${errorCode(err)})`);
      return undefined;
    }
  };
  // Sequential so problems are reported in a stable order.
  const certText = await read(tls.certFile, 'cert_file');
  const keyText = await read(tls.keyFile, 'key_file');
  const caText = await read(tls.clientCaFile, 'client_ca_file');
  if (certText !== undefined) tls.cert = certText;
  if (keyText !== undefined) tls.key = keyText;
  if (caText !== undefined) tls.clientCa = caText;
  const before = problems.length;

  const certWhere = tls.certFile ? `${p}.cert_file` : `${p}.cert`;
  const keyWhere = tls.keyFile ? `${p}.key_file` : `${p}.key`;
  const caWhere = tls.clientCaFile ? `${p}.client_ca_file` : `${p}.client_ca`;
  const certs = tls.cert ? parseCertificates(tls.cert, certWhere, problems) : [];
  let key: KeyObject | undefined;
  if (tls.key) {
    try {
      key = createPrivateKey(tls.key);
    } catch {
      // OpenSSL's message adds nothing an operator can act on, and must not echo key bytes.
      problems.push(`${keyWhere}: not a valid PEM private key`);
    }
  }
  const leaf = certs[0];
  if (leaf && key && !leaf.checkPrivateKey(key)) problems.push(`${p}: certificate and key do not match`);
  if (tls.clientCa) parseCertificates(tls.clientCa, caWhere, problems);

  // Last line of defence: whatever Node itself refuses (e.g. cipher or curve lists).
  if (problems.length === before && tls.cert && tls.key) {
    try {
      createSecureContext(tlsServerOptions(tls).context);
    } catch (err) {
      problems.push(`${p}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

// Node silently ignores garbage in `ca`, which would leave mTLS rejecting everyone
// with no hint why; so every block is parsed here.
function parseCertificates(pem: string, where: string, problems: string[]): X509Certificate[] {
  const blocks = pem.match(PEM_CERT) ?? [];
  if (blocks.length === 0) {
    problems.push(`${where}: no PEM certificate found`);
    return [];
  }
  const certs: X509Certificate[] = [];
  blocks.forEach((block, i) => {
    try {
      certs.push(new X509Certificate(block));
    } catch {
      problems.push(`${where}: PEM certificate #${i + 1} cannot be parsed`);
    }
  });
  return certs;
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}
