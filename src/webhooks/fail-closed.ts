/**
 * Start-up check: a configured provider whose webhook secret is missing or empty would either reject every
 * event or — worse, in a careless verifier — accept every event. Refuse to start instead (fail closed).
 */
import { ConfigError } from '../errors.ts';
import type { PaymentProvider } from '../providers/types.ts';
import type { Diagnostic } from '../spec/diagnostics.ts';
import type { PaymentsConfig, ProviderConfig, ProviderName } from '../spec/types.ts';

const blank = (s: string | undefined) => !s || s.trim() === '';

/** The secret fields this provider's verification needs, mapped to "is it missing". */
function missingSecrets(p: ProviderConfig): string[] {
  switch (p.provider) {
    case 'stripe':
      return p.webhookSecrets.length === 0 || p.webhookSecrets.some(blank) ? ['webhookSecret'] : [];
    case 'paypal':
      return blank(p.webhookId) ? ['webhookId'] : [];
    case 'square':
      return [
        ...(blank(p.webhookSignatureKey) ? ['webhookSignatureKey'] : []),
        ...(blank(p.webhookUrl) ? ['webhookUrl'] : []),
      ];
  }
}

export function assertWebhookSecrets(
  config: PaymentsConfig,
  providers: Map<ProviderName, PaymentProvider>,
): void {
  const diagnostics: Diagnostic[] = [];
  config.providers.forEach((p, i) => {
    const fields = missingSecrets(p);
    if (!providers.has(p.provider)) fields.push('adapter');
    for (const field of fields) {
      diagnostics.push({
        severity: 'error',
        code: 'E_WEBHOOK_SECRET_MISSING',
        message:
          field === 'adapter'
            ? `${p.provider}: no adapter is running for this provider`
            : `${p.provider}: ${field} is missing or empty; webhooks cannot be verified`,
        file: config.file,
        pointer: `/x-uigen-payments/providers/${i}/${field === 'adapter' ? 'provider' : field}`,
        line: 0,
        column: 0,
      });
    }
  });
  if (diagnostics.length > 0)
    throw new ConfigError('webhook verification is not configured (refusing to start)', diagnostics);
}
