/**
 * An incremental CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF), fed text as it
 * arrives: the export can be large, so records are handed on one at a time and never held all at
 * once. Written here rather than taken from `csv-parse`, whose parser works on Node `Buffer`s
 * (the client must stay browser-safe) and whose browser build bundles a Buffer polyfill.
 */
import { CovageResponseError } from '../http/errors.js';

export interface CsvLimits {
  /** The longest field, in characters. Default 1 Mi. */
  maxFieldChars?: number;
  /** The most fields in one record. Default 1000. */
  maxFields?: number;
}

export class CsvRecords {
  #field = '';
  #record: string[] = [];
  #quoted = false;
  /** Inside quotes, the last character was a quote: the end of the field or a doubled quote. */
  #quoteSeen = false;
  /** The last character was a CR outside quotes (a CRLF's LF ends nothing more). */
  #afterCr = false;
  #started = false;
  readonly #maxField: number;
  readonly #maxFields: number;
  readonly #where: { method: string; path: string };

  constructor(where: { method: string; path: string }, limits: CsvLimits = {}) {
    this.#where = where;
    this.#maxField = limits.maxFieldChars ?? 1024 * 1024;
    this.#maxFields = limits.maxFields ?? 1000;
  }

  /** Reads `text`, calling `onRecord` for each record it completes. */
  push(text: string, onRecord: (record: string[]) => void): void {
    for (const char of text) {
      if (this.#quoted) {
        if (this.#quoteSeen) {
          this.#quoteSeen = false;
          if (char === '"') {
            this.#append('"');
            continue;
          }
          this.#quoted = false;
          // fall through: the character after a closing quote is read outside quotes
        } else if (char === '"') {
          this.#quoteSeen = true;
          continue;
        } else {
          this.#append(char);
          continue;
        }
      }
      const afterCr = this.#afterCr;
      this.#afterCr = false;
      if (char === '\n' && afterCr) continue;
      if (char === '\r' || char === '\n') {
        this.#afterCr = char === '\r';
        this.#endRecord(onRecord);
      } else if (char === ',') {
        this.#endField();
      } else if (char === '"' && this.#field === '' && !this.#started) {
        this.#quoted = true;
        this.#started = true;
      } else {
        this.#append(char);
      }
    }
  }

  /** The end of the text: the last record, if it had no line end. */
  end(onRecord: (record: string[]) => void): void {
    if (this.#quoted && !this.#quoteSeen) this.#fail('the file ends inside a quoted field');
    this.#quoted = false;
    this.#quoteSeen = false;
    if (this.#started || this.#record.length > 0) this.#endRecord(onRecord);
  }

  #append(char: string): void {
    this.#started = true;
    this.#field += char;
    if (this.#field.length > this.#maxField)
      this.#fail(`a field is longer than ${this.#maxField} characters`);
  }

  #endField(): void {
    this.#record.push(this.#field);
    if (this.#record.length > this.#maxFields)
      this.#fail(`a record has more than ${this.#maxFields} fields`);
    this.#field = '';
    this.#started = false;
  }

  #endRecord(onRecord: (record: string[]) => void): void {
    const blank = this.#record.length === 0 && !this.#started;
    this.#endField();
    const record = this.#record;
    this.#record = [];
    if (!blank) onRecord(record);
  }

  #fail(message: string): never {
    throw new CovageResponseError(
      this.#where.method,
      this.#where.path,
      [{ path: '(csv)', message }],
      null,
    );
  }
}
