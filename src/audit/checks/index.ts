/** The registry: every check, in report order (repository hygiene first, then the spec, then operations). */
import type { Check } from '../types.ts';
import { cardDataCheck } from './card-data.ts';
import { encryptionKeysCheck } from './encryption-keys.ts';
import { envExampleCheck } from './env-example.ts';
import { gitignoreCheck } from './gitignore.ts';
import { httpsCheck } from './https.ts';
import { incidentResponseCheck } from './incident-response.ts';
import { keyAgeCheck } from './key-age.ts';
import { modeSeparationCheck } from './mode-separation.ts';
import { monitoringCheck } from './monitoring.ts';
import { rateLimitCheck } from './rate-limit.ts';
import { retentionCheck } from './retention.ts';
import { secretsCheck } from './secrets.ts';
import { specEnvRefsCheck } from './spec-env-refs.ts';
import { specValidCheck } from './spec-valid.ts';
import { tlsCheck } from './tls.ts';
import { webhookSecretsCheck } from './webhook-secrets.ts';

export const CHECKS: readonly Check[] = registry([
  secretsCheck,
  gitignoreCheck,
  envExampleCheck,
  specValidCheck,
  specEnvRefsCheck,
  modeSeparationCheck,
  webhookSecretsCheck,
  httpsCheck,
  tlsCheck,
  cardDataCheck,
  rateLimitCheck,
  encryptionKeysCheck,
  keyAgeCheck,
  retentionCheck,
  monitoringCheck,
  incidentResponseCheck,
]);

function registry(checks: Check[]): readonly Check[] {
  const ids = new Set<string>();
  for (const c of checks) {
    if (ids.has(c.id)) throw new Error(`audit check '${c.id}' registered twice`);
    ids.add(c.id);
  }
  return Object.freeze(checks);
}
