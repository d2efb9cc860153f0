/**
 * URL rules for everything the server redirects to or hands a provider (success/cancel/webhook URLs,
 * absolute `redirectTo`). WHATWG `URL` does the parsing, so tricks like `http://localhost@evil.com` or
 * `http://localhost.evil.com` are judged by the hostname a browser would really contact.
 */
import { redactString } from '../redact.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface UrlProblem {
  code: 'E_URL_INVALID' | 'E_URL_SCHEME' | 'E_URL_USERINFO' | 'E_URL_INSECURE';
  message: string;
}

export interface UrlRuleOptions {
  /** NODE_ENV is production: plain http is refused even for localhost. */
  production: boolean;
  /** Allowed schemes (default http/https). */
  schemes?: readonly string[];
}

/** A value as it may appear in a message: secret-looking parts redacted, long values cut (found by fuzzing). */
function shown(value: string): string {
  const r = redactString(value);
  return r.length > 60 ? `${r.slice(0, 60)}…` : r;
}

export function checkUrl(value: string, opts: UrlRuleOptions): UrlProblem | undefined {
  if (value !== value.trim() || hasSpaceOrControl(value)) {
    return { code: 'E_URL_INVALID', message: 'URL contains whitespace or control characters' };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { code: 'E_URL_INVALID', message: `'${shown(value)}' is not an absolute URL` };
  }
  const schemes = opts.schemes ?? ['http:', 'https:'];
  if (!schemes.includes(url.protocol)) {
    return {
      code: 'E_URL_SCHEME',
      message: `scheme '${url.protocol}' is not allowed (use ${schemes.join(' or ')})`,
    };
  }
  if (url.username || url.password) {
    return { code: 'E_URL_USERINFO', message: 'URL must not contain user information (user@host)' };
  }
  if (url.protocol === 'http:') {
    if (!LOCAL_HOSTS.has(url.hostname)) {
      return { code: 'E_URL_INSECURE', message: `https is required for host '${url.hostname}'` };
    }
    if (opts.production) {
      return {
        code: 'E_URL_INSECURE',
        message: 'https is required when NODE_ENV is production, even for localhost',
      };
    }
  }
  return undefined;
}

/**
 * `redirectTo` is either a same-origin path (one leading `/`, not `//` or `/\`, which browsers treat as
 * another host) or an absolute URL under the same rules as above.
 */
export function checkRedirect(value: string, opts: UrlRuleOptions): UrlProblem | undefined {
  if (value.startsWith('/')) {
    if (/^\/[/\\]/.test(value) || value.includes('\\') || hasSpaceOrControl(value)) {
      return { code: 'E_URL_INVALID', message: `'${shown(value)}' is not a same-origin path` };
    }
    return undefined;
  }
  return checkUrl(value, opts);
}

/** Whitespace or C0 control characters (which URL parsers strip or mangle silently). */
function hasSpaceOrControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) <= 0x20 || /\s/.test(value[i])) return true;
  return false;
}
