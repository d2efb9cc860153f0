/**
 * Checklist: "HTTPS enforced in production" — every URL in the payments block is https, with DESIGN.md's URL
 * rules: http only for the exact hosts localhost / 127.0.0.1 / [::1] outside production, no userinfo.
 * Statically "production" means a provider in live mode; with `--env <mode>` the mode decides and `${VAR}`
 * URLs are resolved.
 */
import { checkUrl, type UrlProblem } from '../../spec/url-rules.ts';
import { fail } from '../finding.ts';
import { normalizeMode } from '../provider-fields.ts';
import { envReferencesIn, providerEntries } from '../spec-doc.ts';
import { noPaymentsNote, paymentSpecs, walkStrings } from '../spec-walk.ts';
import type { Check, Finding } from '../types.ts';

/** SMTP URLs are not browser/provider-facing HTTP; their transport security is the mail sink's business. */
const NOT_HTTP_FIELDS = /^smtpUrl$/;

/** Our own wording: spec/'s messages may quote the URL, and a URL may embed credentials. */
const urlRule: Record<UrlProblem['code'], string> = {
  E_URL_INVALID: 'not a valid absolute URL',
  E_URL_SCHEME: 'only http/https URLs are allowed',
  E_URL_USERINFO: 'URL carries credentials (user@host)',
  E_URL_INSECURE: 'uses http: https is required (http only for localhost, and never in production)',
};

export const httpsCheck: Check = {
  id: 'https',
  title: 'HTTPS for every payments URL',
  checklist: 'HTTPS enforced in production',
  fix: 'Use https:// URLs (success/cancel pages, webhookUrl, alert sinks); http is only allowed for localhost during development.',
  run(ctx) {
    const specs = paymentSpecs(ctx);
    if (specs.length === 0) return { findings: [], note: noPaymentsNote(ctx) };
    const findings: Finding[] = [];
    let checked = 0;
    let unresolved = 0;
    for (const spec of specs) {
      const live = providerEntries(spec).some(({ entry }) => normalizeMode(entry.mode) === 'live');
      const production = ctx.env ? ctx.env.mode === 'production' : live;
      walkStrings(spec.payments, spec.paymentsPath, (s, path) => {
        const field = String(path[path.length - 1]);
        const urlish = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /url$/i.test(field);
        if (!urlish || NOT_HTTP_FIELDS.test(field)) return;
        let value = s;
        const refs = envReferencesIn(s);
        if (refs.length > 0) {
          if (!ctx.env) {
            unresolved++;
            return;
          }
          value = s.replace(
            /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
            (_, n: string, d?: string) => ctx.env?.values[n] ?? d ?? '',
          );
          if (value === '') return; // unset: spec-valid / webhook-secrets report missing values
        }
        checked++;
        const problem = checkUrl(value, { production });
        // The message names the field and the rule, never the URL: a URL may embed credentials.
        if (problem)
          findings.push(
            fail(
              `${path.slice(spec.paymentsPath.length).join('.')}: ${problem.code} ${urlRule[problem.code]}`,
              spec.file,
              spec.lineOf(path),
            ),
          );
      });
    }
    const note = `${checked} URL(s) checked${unresolved ? `, ${unresolved} \${VAR} URL(s) not resolved (use --env)` : ''}`;
    return { findings, note };
  },
};
