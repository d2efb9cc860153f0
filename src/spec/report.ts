/**
 * Collects diagnostics while the rules run. Rules speak in JSON pointers into the dereferenced document;
 * positions (file, line, column) are filled in at the end by the locator, so a clean spec never pays for them.
 */
import { isAbsolute, relative } from 'node:path';
import { redactString } from '../redact.ts';
import type { Diagnostic } from './diagnostics.ts';
import { humanPath } from './pointer.ts';
import type { Position } from './source.ts';

export type Locator = (pointer: string) => { file: string } & Position;

interface Pending {
  severity: Diagnostic['severity'];
  code: string;
  pointer: string;
  message: string;
  /** Already known (syntax errors, ref problems); otherwise found through the locator. */
  at?: { file: string } & Position;
}

export class Reporter {
  private readonly items: Pending[] = [];
  locator?: Locator;

  private readonly cwd: string;
  private readonly rootFile: string;
  // Plain fields, not parameter properties: Node's built-in TypeScript stripping rejects those.
  constructor(cwd: string, rootFile: string) {
    this.cwd = cwd;
    this.rootFile = rootFile;
  }

  /** `message` is prefixed with the short path of `pointer` (`providers[0].apiKey …`). */
  error(code: string, pointer: string, message: string): void {
    this.items.push({ severity: 'error', code, pointer, message: `${humanPath(pointer)} ${message}` });
  }

  warn(code: string, pointer: string, message: string): void {
    this.items.push({ severity: 'warning', code, pointer, message: `${humanPath(pointer)} ${message}` });
  }

  /** A diagnostic whose position is already known. */
  at(code: string, at: { file: string } & Position, pointer: string, message: string): void {
    this.items.push({ severity: 'error', code, pointer, message, at });
  }

  has(code: string, pointer: string): boolean {
    return this.items.some((d) => d.code === code && d.pointer === pointer);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }

  /** Final list: located, file paths shown relative to the cwd when inside it, in file order. */
  list(): Diagnostic[] {
    const out = this.items.map((d): Diagnostic => {
      const at = d.at ?? this.locator?.(d.pointer) ?? { file: this.rootFile, line: 0, column: 0 };
      return {
        severity: d.severity,
        code: d.code,
        // Messages quote spec values (ids, currencies, refs); whatever they quote, nothing secret-shaped leaves.
        message: redactString(d.message),
        file: this.display(at.file),
        pointer: d.pointer,
        line: at.line,
        column: at.column,
      };
    });
    return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  }

  private display(file: string): string {
    const rel = relative(this.cwd, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  }
}
