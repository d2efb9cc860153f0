/**
 * A fast path for the plain block-style YAML most specs are written in (and `yaml.stringify` writes):
 * block mappings and sequences, plain / quoted / literal-block scalars, comments. Anything else — flow
 * collections, anchors, tags, folded or multi-line plain scalars, odd numbers — makes it give up, and the
 * caller parses with the `yaml` package instead. It never guesses: giving up is always safe.
 *
 * Why: `yaml` builds a full concrete syntax tree and needs seconds for a 2 MB, 5,000-operation spec;
 * this takes tens of milliseconds. Positions for diagnostics still come from `yaml`, parsed lazily.
 */

/** Thrown internally when the text leaves the supported subset. */
class Unsupported extends Error {}

interface Line {
  indent: number;
  /** Text after the indentation, trailing spaces kept (block scalars need them). */
  text: string;
}

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** The parsed value, or undefined when the text is outside the subset. */
export function fastParseYaml(text: string): unknown {
  try {
    return new FastParser(text).parseDocument();
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

class FastParser {
  private readonly lines: Line[];
  private i = 0;

  constructor(text: string) {
    const raw = text.split(/\r?\n/);
    this.lines = raw.map((l) => {
      if (l.includes('\t')) throw new Unsupported('tab');
      const indent = l.length - l.trimStart().length;
      return { indent, text: l.slice(indent) };
    });
  }

  parseDocument(): unknown {
    this.skipBlank();
    if (this.i >= this.lines.length) throw new Unsupported('empty document');
    const first = this.lines[this.i];
    if (first.indent !== 0 || /^(?:---|\.\.\.|%)/.test(first.text)) throw new Unsupported('document markers');
    const value = this.parseBlock(0);
    this.skipBlank();
    if (this.i < this.lines.length) throw new Unsupported('trailing content');
    return value;
  }

  /** Blank and comment-only lines carry nothing outside block scalars. */
  private skipBlank(): void {
    while (this.i < this.lines.length) {
      const t = this.lines[this.i].text;
      if (t === '' || t.startsWith('#')) this.i++;
      else break;
    }
  }

  /** A block node whose first line is at `indent`. */
  private parseBlock(indent: number): unknown {
    const line = this.lines[this.i];
    if (line.indent !== indent) throw new Unsupported('indentation');
    return line.text === '-' || line.text.startsWith('- ') ? this.parseSeq(indent) : this.parseMap(indent);
  }

  private parseSeq(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      this.skipBlank();
      const line = this.lines[this.i];
      if (!line || line.indent < indent) return out;
      if (line.indent > indent || !(line.text === '-' || line.text.startsWith('- '))) {
        if (line.indent === indent) return out; // a mapping key at the parent's indent ends a same-indent sequence
        throw new Unsupported('sequence shape');
      }
      const rest = line.text.slice(1).trimStart();
      if (rest === '' || rest.startsWith('#')) {
        this.i++;
        out.push(this.parseNested(indent, true));
      } else if (rest.startsWith('- ') || rest === '-') {
        throw new Unsupported('nested compact sequence');
      } else if (this.isMapEntry(rest)) {
        // `- key: value` opens a mapping whose keys sit at the column after `- `.
        const column = indent + (line.text.length - rest.length);
        this.lines[this.i] = { indent: column, text: rest };
        out.push(this.parseMap(column));
      } else {
        this.i++;
        out.push(this.scalar(rest, indent));
      }
    }
  }

  private parseMap(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skipBlank();
      const line = this.lines[this.i];
      if (!line || line.indent < indent) return out;
      if (line.indent > indent) throw new Unsupported('mapping indentation');
      if (line.text === '-' || line.text.startsWith('- ')) return out; // handled by the caller's same-indent sequence rule
      const { key, rest } = this.splitEntry(line.text);
      // Duplicates are an error in yaml; `__proto__` would not become a plain key.
      if (Object.hasOwn(out, key) || key === '__proto__') throw new Unsupported('duplicate or reserved key');
      this.i++;
      if (rest === '' || rest.startsWith('#')) out[key] = this.parseNested(indent, false);
      else out[key] = this.scalar(rest, indent);
    }
  }

  /** The value on the lines after `key:` or `-`: a deeper block, a same-indent sequence (maps only), or null. */
  private parseNested(indent: number, inSeq: boolean): unknown {
    this.skipBlank();
    const next = this.lines[this.i];
    if (next && next.indent > indent) return this.parseBlock(next.indent);
    if (!inSeq && next && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) {
      return this.parseSeq(indent);
    }
    return null;
  }

  private isMapEntry(text: string): boolean {
    if (text.startsWith('"') || text.startsWith("'")) {
      const end = this.quotedEnd(text);
      return end > 0 && /^:(?: |$)/.test(text.slice(end));
    }
    return /^[^\s#:[\]{}&*!|>'"%@`,?-][^#]*?:(?: |$)/.test(text) || /^-[^\s][^#]*?:(?: |$)/.test(text);
  }

  private splitEntry(text: string): { key: string; rest: string } {
    let key: string;
    let after: string;
    if (text.startsWith('"') || text.startsWith("'")) {
      const end = this.quotedEnd(text);
      if (end < 0 || !/^:(?: |$)/.test(text.slice(end))) throw new Unsupported('quoted key');
      key = this.quoted(text.slice(0, end));
      after = text.slice(end + 1);
    } else {
      const m = /^([^\s#:[\]{}&*!|>'"%@`,?][^#]*?):(?: |$)/.exec(text);
      if (!m) throw new Unsupported('key');
      key = plainKey(m[1].trimEnd());
      after = text.slice(m[0].length);
    }
    return { key, rest: after.trim() };
  }

  /** Index just past the closing quote of the quoted scalar at the start of `text` (-1 if none). */
  private quotedEnd(text: string): number {
    const q = text[0];
    for (let j = 1; j < text.length; j++) {
      if (q === '"' && text[j] === '\\') j++;
      else if (text[j] === q) {
        if (q === "'" && text[j + 1] === "'") j++;
        else return j + 1;
      }
    }
    return -1;
  }

  private quoted(token: string): string {
    const body = token.slice(1, -1);
    if (token[0] === "'") return body.replace(/''/g, "'");
    if (!/^(?:[^\\]|\\["\\/nt]|\\u[0-9a-fA-F]{4})*$/.test(body)) throw new Unsupported('escape');
    // The escapes allowed above are all JSON's own, slash included. Rewriting slash escapes first turned an
    // escaped backslash before a slash (a backslash-slash string) into a lone slash.
    return JSON.parse(`"${body}"`) as string;
  }

  /** A scalar value after `key: ` or `- ` on a line whose node sits at `indent`. */
  private scalar(text: string, indent: number): unknown {
    if (text.startsWith('"') || text.startsWith("'")) {
      const end = this.quotedEnd(text);
      if (end < 0) throw new Unsupported('multi-line quoted scalar');
      const trailing = text.slice(end).trim();
      if (trailing !== '' && !trailing.startsWith('#')) throw new Unsupported('text after quoted scalar');
      this.assertNoContinuation(indent);
      return this.quoted(text.slice(0, end));
    }
    if (text === '|' || text === '|-' || text === '|+') return this.literalBlock(text, indent);
    if (/^[[{>&*!|%@`?:,\]}]|^-(?: |$)/.test(text)) {
      if (text === '[]') return [];
      if (text === '{}') return {};
      throw new Unsupported('flow, anchor, tag or folded scalar');
    }
    const hash = text.search(/\s#/);
    const plain = (hash >= 0 ? text.slice(0, hash) : text).trimEnd();
    if (/: |:$/.test(plain) || plain.includes(' #')) throw new Unsupported('ambiguous plain scalar');
    this.assertNoContinuation(indent);
    return plainValue(plain);
  }

  /** A more-indented line after a single-line scalar would continue it (multi-line plain scalars). */
  private assertNoContinuation(indent: number): void {
    const save = this.i;
    this.skipBlank();
    const next = this.lines[this.i];
    this.i = save;
    if (next && next.indent > indent) throw new Unsupported('multi-line scalar');
  }

  /** `|`, `|-`, `|+`: lines more indented than the parent node, kept verbatim. */
  private literalBlock(header: string, indent: number): string {
    const body: string[] = [];
    let blockIndent = -1;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.text === '') {
        // Spaces past the block's indentation on a blank line are content; leave that to yaml.
        if (line.indent > (blockIndent < 0 ? indent + 1 : blockIndent))
          throw new Unsupported('indented blank line');
        body.push('');
        this.i++;
        continue;
      }
      if (line.indent <= indent) break;
      if (blockIndent < 0) blockIndent = line.indent;
      if (line.indent < blockIndent) throw new Unsupported('block scalar indentation');
      body.push(' '.repeat(line.indent - blockIndent) + line.text);
      this.i++;
    }
    // Blank lines belong to the block only as trailing newlines (chomping decides how many stay).
    let trailing = 0;
    while (body.length > 0 && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    if (body.length === 0) throw new Unsupported('empty block scalar');
    const content = body.join('\n');
    if (header === '|-') return content;
    if (header === '|+') return `${content}\n${'\n'.repeat(trailing)}`;
    return `${content}\n`;
  }
}

/** Core-schema resolution of a plain scalar, as `yaml` does it; rarer forms are left to `yaml`. */
function plainValue(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (INT.test(s)) {
    const n = Number(s);
    if (!Number.isSafeInteger(n)) throw new Unsupported('large integer');
    return n;
  }
  if (FLOAT.test(s)) return Number.parseFloat(s);
  if (/^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$|^0[ox]/.test(s)) throw new Unsupported('special number');
  return s;
}

/** Mapping keys become object keys: only keys whose string form is unambiguous are taken. */
function plainKey(s: string): string {
  const v = plainValue(s);
  if (v === null || s === '<<') throw new Unsupported('null or merge key');
  if (typeof v === 'number' && String(v) !== s) throw new Unsupported('non-canonical numeric key');
  return String(v);
}
