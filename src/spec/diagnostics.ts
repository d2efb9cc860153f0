/** A configuration finding, pointing into the original YAML/JSON text. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable code, e.g. `E_LITERAL_SECRET`, `W_MODE_ALIAS`. */
  code: string;
  /** Human message; never contains a secret value (at most a redacted prefix like `sk_live_…`). */
  message: string;
  file: string;
  /** JSON pointer into the document, e.g. `/x-uigen-payments/providers/0/apiKey`. */
  pointer: string;
  /** 1-based; 0 when unknown. */
  line: number;
  column: number;
}

/** Compiler-style one-liner: `openapi.yaml:42:7 error E_LITERAL_SECRET providers[0].apiKey …`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
}
