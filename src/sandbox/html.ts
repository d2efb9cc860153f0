/** Minimal server-rendered pages for the sandbox's hosted checkout/portal: no JS, labelled controls. */
export function esc(s: unknown): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** Minor units → "$29.00" (zero-decimal currencies such as JPY come out right via Intl). */
export function formatAmount(minor: number, currency: string): string {
  const fmt = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(minor / 10 ** digits);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.banner{background:#fff3cd;border:1px solid #e0c060;padding:.5rem .75rem;border-radius:6px;font-size:.9rem}
.error{background:#fde2e1;border:1px solid #d9534f;padding:.75rem;border-radius:6px}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input{font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box}
button{margin-top:1rem;font-size:1.1rem;padding:.6rem 1.4rem;border-radius:6px;border:0;background:#635bff;color:#fff;cursor:pointer}
.amount{font-size:1.8rem;font-weight:700}code{background:#f3f3f3;padding:0 .25rem}`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>
<p class="banner" role="note">Test mode — local sandbox. No real payment is made.</p>
<main>${body}</main></body></html>`;
}

/** Security headers for sandbox pages: no framing, no scripts, no referrer leaking session ids. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
