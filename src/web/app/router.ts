/**
 * Client-side routing without a router dependency: the path is state, links are plain <a href>, and one
 * click handler turns same-origin link clicks into history pushes. The server answers index.html for every
 * page path, so deep links and reloads work too.
 */
import { useEffect, useState } from 'react';

const EVENT = 'uigen-pay:navigate';

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(EVENT));
  window.scrollTo(0, 0);
}

const read = () => ({ pathname: window.location.pathname, search: window.location.search });

export function useLocation(): { pathname: string; search: string } {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return loc;
}

/** Click handler for the app root: in-app links navigate without a reload; everything else is untouched. */
export function interceptLinkClick(e: React.MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const anchor = (e.target as Element).closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
  // Same-page anchors (the skip link) keep their native jump-and-focus behaviour.
  if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return;
  e.preventDefault();
  navigate(`${url.pathname}${url.search}${url.hash}`);
}
