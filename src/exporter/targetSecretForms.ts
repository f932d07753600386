import type { TargetConfig } from '../config/types';
import { collectSecrets } from '../config/validateConfig';
import { secretForms } from '../log/createRedactor';
import type { UpstreamProtocol } from '../upstream/UpstreamHttp';

/**
 * Every form of a target's secrets that must never be shown: its raw secrets
 * and the values of the credential headers its source sends (the Authorization
 * value, and so on: the kind names them in `credentialHeaders`).
 */
export function targetSecretForms(target: TargetConfig, source: UpstreamProtocol): string[] {
  const names = new Set((source.credentialHeaders ?? ['authorization']).map((n) => n.toLowerCase()));
  const sent = Object.entries(source.requestHeaders())
    .filter(([name]) => names.has(name.toLowerCase()))
    .map(([, value]) => value);
  return secretForms(
    collectSecrets(target.options).map((s) => s.reveal()),
    sent,
  );
}
