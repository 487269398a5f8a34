/** What an {@link ExportReader} hands on as it reads. */
export interface ExportReaderHandlers {
  /** A top-level member other than `entries` (`format`, `origin`, `checkpoints`, …), parsed. */
  field(name: string, value: unknown): void;
  /** One element of `entries`, parsed, in document order. */
  entry(value: unknown): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

type State = 'start' | 'key' | 'colon' | 'value' | 'after-value' | 'array-first' | 'array-next' | 'after-element' | 'done';

/**
 * Reads an audit export (JSON, any layout, members in any order) from text that arrives in pieces,
 * holding one value at a time: each top-level member is parsed when complete, and `entries` is read
 * element by element. So a log of millions of entries is read in memory bounded by its largest
 * entry, as `n2k audit verify` does with a file.
 *
 * @throws SyntaxError (from `push` or `end`) when the text is not a JSON object as expected.
 *
 * @example
 * ```ts
 * const reader = new ExportReader({ field: (k, v) => frame[k] = v, entry: (e) => verifier.entry(e) });
 * for await (const chunk of stream) reader.push(chunk);
 * reader.end();
 * ```
 */
export class ExportReader {
  readonly #on: ExportReaderHandlers;
  #state: State = 'start';
  #key = '';
  #inEntries = false;
  // The value being captured: its text so far, and the scanner's place in it.
  #pieces: string[] = [];
  #capturing = false;
  #depth = 0;
  #inString = false;
  #escape = false;
  #scalar = false;

  constructor(handlers: ExportReaderHandlers) {
    this.#on = handlers;
  }

  /** Reads the next piece of text. */
  push(text: string): void {
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.#capturing) {
        i = this.#capture(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      const ch = text[i];
      switch (this.#state) {
        case 'start':
          if (ch !== '{') throw new SyntaxError('an export is a JSON object');
          this.#state = 'key';
          i++;
          break;
        case 'key':
          if (ch === '}') {
            this.#state = 'done';
            i++;
          } else if (c === QUOTE) this.#begin(text, i);
          else throw new SyntaxError('expected a member name');
          break;
        case 'colon':
          if (ch !== ':') throw new SyntaxError('expected ":"');
          this.#state = 'value';
          i++;
          break;
        case 'value':
          if (this.#key === 'entries' && ch === '[') {
            this.#inEntries = true;
            this.#state = 'array-first';
            i++;
          } else this.#begin(text, i);
          break;
        case 'array-first':
          if (ch === ']') {
            this.#inEntries = false;
            this.#state = 'after-value';
            i++;
          } else this.#begin(text, i);
          break;
        case 'array-next':
          if (ch === ']') throw new SyntaxError('expected an entry after ","');
          this.#begin(text, i);
          break;
        case 'after-element':
          if (ch === ',') {
            // A comma must be followed by an element, not "]".
            this.#state = 'array-next';
            i++;
          } else if (ch === ']') {
            this.#inEntries = false;
            this.#state = 'after-value';
            i++;
          } else throw new SyntaxError('expected "," or "]" in entries');
          break;
        case 'after-value':
          if (ch === ',') this.#state = 'key';
          else if (ch === '}') this.#state = 'done';
          else throw new SyntaxError('expected "," or "}"');
          i++;
          break;
        case 'done':
          throw new SyntaxError('text after the end of the export');
      }
    }
  }

  /** Ends the text: throws unless the document was complete. */
  end(): void {
    if (this.#capturing && this.#scalar && this.#depth === 0) this.#finish('');
    if (this.#state !== 'done') throw new SyntaxError('the export ends too soon');
  }

  #begin(text: string, i: number): void {
    this.#capturing = true;
    this.#pieces = [];
    this.#depth = 0;
    this.#inString = false;
    this.#escape = false;
    const c = text.charCodeAt(i);
    this.#scalar = c !== QUOTE && text[i] !== '{' && text[i] !== '[';
  }

  /** Scans a captured value from `i`; returns where scanning stopped. */
  #capture(text: string, start: number): number {
    const n = text.length;
    let i = start;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.#inString) {
        if (this.#escape) this.#escape = false;
        else if (c === BACKSLASH) this.#escape = true;
        else if (c === QUOTE) {
          this.#inString = false;
          if (this.#depth === 0) return this.#finish(text.slice(start, i + 1), i + 1);
        }
        i++;
        continue;
      }
      if (this.#scalar) {
        const ch = text[i];
        if (ch === ',' || ch === '}' || ch === ']' || isSpace(c)) return this.#finish(text.slice(start, i), i);
        i++;
        continue;
      }
      if (c === QUOTE) this.#inString = true;
      else if (c === 0x7b || c === 0x5b) this.#depth++;
      else if (c === 0x7d || c === 0x5d) {
        this.#depth--;
        if (this.#depth === 0) return this.#finish(text.slice(start, i + 1), i + 1);
      }
      i++;
    }
    this.#pieces.push(text.slice(start));
    return n;
  }

  #finish(last: string, next = 0): number {
    this.#pieces.push(last);
    const value = JSON.parse(this.#pieces.join('')) as unknown;
    this.#pieces = [];
    this.#capturing = false;
    if (this.#state === 'key') {
      if (typeof value !== 'string') throw new SyntaxError('expected a member name');
      this.#key = value;
      this.#state = 'colon';
    } else if (this.#inEntries) {
      this.#on.entry(value);
      this.#state = 'after-element';
    } else {
      this.#on.field(this.#key, value);
      this.#state = 'after-value';
    }
    return next;
  }
}
