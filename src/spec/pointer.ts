/** RFC 6901 JSON pointers, and the short dotted form used in messages (`providers[0].apiKey`). */

export function encodeSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${encodeSegment(s)}`).join('');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Appends segments to a pointer. */
export function join(pointer: string, ...segments: Array<string | number>): string {
  return pointer + toPointer(segments);
}

/**
 * `/x-uigen-payments/providers/0/apiKey` → `providers[0].apiKey`; `/paths/~1reports~1{id}/get` →
 * `paths['/reports/{id}'].get`. The payments block prefix is dropped: it is where nearly everything lives.
 */
export function humanPath(pointer: string): string {
  const segs = parsePointer(pointer);
  const start =
    segs[0] === 'info' && segs[1] === 'x-uigen-payments' ? 2 : segs[0] === 'x-uigen-payments' ? 1 : 0;
  let out = '';
  for (const s of segs.slice(start)) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `['${s}']`;
  }
  return out || (start > 0 ? 'x-uigen-payments' : '(document)');
}
