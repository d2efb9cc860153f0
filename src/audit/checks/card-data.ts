/**
 * Checklist: "No card data stored" — no request/response schema in the spec has a field for card numbers,
 * security codes or track data (the app must use provider-hosted checkout and keep only brand + last 4).
 */
import { fail } from '../finding.ts';
import { asRecord, type PathSegment } from '../spec-doc.ts';
import type { Check, Finding } from '../types.ts';

/** Names compared after lower-casing and removing `_`, `-` and spaces. */
const CARD_FIELDS = new Set([
  'cardnumber',
  'cardno',
  'cardnum',
  'ccnumber',
  'ccnum',
  'creditcardnumber',
  'creditcard',
  'debitcardnumber',
  'pan',
  'primaryaccountnumber',
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'csc',
  'securitycode',
  'cardsecuritycode',
  'cardverificationvalue',
  'cardverificationcode',
  'track1',
  'track2',
  'trackdata',
  'magstripe',
  'pinblock',
  'cardpin',
]);

export function isCardField(name: string): boolean {
  return CARD_FIELDS.has(name.toLowerCase().replace(/[-_\s]/g, ''));
}

/** Visits every schema-ish object: anything under `properties`, plus parameter names. */
function visit(
  node: unknown,
  path: PathSegment[],
  hit: (name: string, path: PathSegment[]) => void,
  depth = 0,
): void {
  if (depth > 64) return;
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) visit(v, [...path, i], hit, depth + 1);
    return;
  }
  const obj = asRecord(node);
  if (!obj) return;
  const props = asRecord(obj.properties);
  if (props)
    for (const name of Object.keys(props)) if (isCardField(name)) hit(name, [...path, 'properties', name]);
  if (typeof obj.name === 'string' && typeof obj.in === 'string' && isCardField(obj.name))
    hit(obj.name, [...path, 'name']);
  for (const [k, v] of Object.entries(obj))
    if (k !== 'x-uigen-payments') visit(v, [...path, k], hit, depth + 1);
}

export const cardDataCheck: Check = {
  id: 'card-data',
  title: 'No card-data fields in the API',
  checklist: 'No card data stored',
  fix: 'Remove card number / CVC fields: collect cards on the provider-hosted checkout and store only the provider customer id, card brand and last 4.',
  run(ctx) {
    const findings: Finding[] = [];
    for (const spec of ctx.specs) {
      const seen = new Set<string>();
      visit(spec.root, [], (name, path) => {
        const where = path.slice(0, -2).join('/') || '/';
        const key = `${where}:${name}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push(fail(`card-data field '${name}' in ${where}`, spec.file, spec.lineOf(path)));
      });
    }
    return { findings, note: `${ctx.specs.length} spec(s) checked` };
  },
};
