/**
 * Reading CSV files (gold tables such as ../shared/corpus/gvdb/counts.csv) per RFC 4180: fields
 * separated by commas, a field enclosed in double quotes may hold commas, line breaks and doubled
 * quotes (§2.5–2.7). RFC 4180 ends records with CRLF; files in the wild often use LF alone, so both
 * are accepted (a CR or LF inside quotes is kept as written). A UTF-8 byte order mark is dropped.
 * Malformed text (a quote inside an unquoted field, text after a closing quote, an unterminated
 * quote) is an error naming the line, never a silently shifted column.
 */

/** CSV text that does not follow RFC 4180; `line` is 1-based, where the problem was found. */
export class CsvError extends Error {
  constructor(
    readonly where: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${where}:${line}: ${problem}`);
    this.name = 'CsvError';
  }
}

/** A record and the line it starts on (1-based), so callers can name the line of a bad value. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Every record of `text`; blank lines (and so a final line break) make no record. */
export function parseCsv(text: string, where: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  /** `closed`: the field was quoted and its closing quote read; only a separator may follow. */
  let state: 'start' | 'unquoted' | 'quoted' | 'closed' = 'start';
  let quoteLine = 1;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    state = 'start';
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const ch = text[i];
    if (state === 'quoted') {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') state = 'closed';
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      state = 'start';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      // A blank line holds no record (an empty quoted field "" is a record: its state is closed).
      if (state !== 'start' || fields.length > 0) endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else if (ch === '"') {
      if (state !== 'start') throw new CsvError(where, line, `a double quote inside an unquoted field ("${field}"); quote the whole field and double the quote (RFC 4180 §2.7)`);
      state = 'quoted';
      quoteLine = line;
      i++;
    } else {
      if (state === 'closed') throw new CsvError(where, line, `text after a closing quote ("${field}" then "${ch}"); expected a comma or a line break`);
      state = 'unquoted';
      field += ch;
      i++;
    }
  }
  if (state === 'quoted') throw new CsvError(where, quoteLine, 'a quoted field is never closed');
  if (state !== 'start' || fields.length > 0 || field !== '') endRecord();
  return records;
}

/** A data record keyed by the header's column names, with the line it starts on. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * The records after the header, keyed by column name. `columns` must all be in the header; a record
 * with a different number of fields than the header is an error.
 */
export function csvRows(text: string, where: string, columns: readonly string[]): CsvRow[] {
  const [header, ...records] = parseCsv(text, where);
  if (!header) throw new CsvError(where, 1, `empty file; expected a header with ${columns.join(', ')}`);
  const names = header.fields.map((n) => n.trim());
  const absent = columns.filter((c) => !names.includes(c));
  if (absent.length) throw new CsvError(where, header.line, `header lacks ${absent.join(', ')} (has ${names.join(', ')})`);
  return records.map((r) => {
    if (r.fields.length !== names.length) throw new CsvError(where, r.line, `${r.fields.length} fields; the header has ${names.length}`);
    return { line: r.line, values: Object.fromEntries(names.map((n, i) => [n, r.fields[i]])) };
  });
}
