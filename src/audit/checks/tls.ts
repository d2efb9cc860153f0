/**
 * Seed guide: "Use TLS 1.2 or higher". nginx (`ssl_protocols`) and Caddy (`protocols` in a `tls` block)
 * configs in the tree must not enable anything older. Only config files are read: docs quoting a bad line
 * are not deployments.
 */
import { posix } from 'node:path';
import { fail } from '../finding.ts';
import type { Check, Finding } from '../types.ts';

/** Matched against the file's base name: `*.conf`, `*.nginx`, `Caddyfile`, `*.caddyfile`. */
const CONFIG_FILE = /\.(conf|nginx|caddyfile)$|^Caddyfile$/i;
const WEAK = /^(SSLv2|SSLv3|TLSv1|TLSv1\.1|tls1\.0|tls1\.1)$/i;
const NGINX = /^\s*ssl_protocols\s+([^;#]+);/;
const CADDY = /^\s*protocols\s+(tls1\.\d)(?:\s+(tls1\.\d))?\s*$/;

export function weakProtocols(line: string): string[] {
  const n = NGINX.exec(line);
  if (n)
    return n[1]
      .trim()
      .split(/\s+/)
      .filter((p) => WEAK.test(p));
  const c = CADDY.exec(line);
  return c && WEAK.test(c[1]) ? [`${c[1]} (minimum)`] : [];
}

export const tlsCheck: Check = {
  id: 'tls',
  title: 'TLS 1.2 or higher in server configs',
  checklist: 'HTTPS enforced in production',
  fix: 'Use `ssl_protocols TLSv1.2 TLSv1.3;` (nginx) or `protocols tls1.2 tls1.3` (Caddy).',
  run(ctx) {
    const findings: Finding[] = [];
    const configs = ctx.files.filter((f) => CONFIG_FILE.test(posix.basename(f)));
    for (const file of configs) {
      ctx
        .readText(file)
        ?.split('\n')
        .forEach((line, i) => {
          const weak = weakProtocols(line);
          if (weak.length > 0) findings.push(fail(`enables ${weak.join(', ')}`, file, i + 1));
        });
    }
    return {
      findings,
      note: configs.length ? `${configs.length} server config(s) read` : 'no nginx/Caddy configs in the tree',
    };
  },
};
