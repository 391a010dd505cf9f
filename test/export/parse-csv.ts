/**
 * A strict RFC 4180 reader for the export tests: CRLF-terminated records, quoted fields with
 * doubled quotes. Independent of the writer under test, so a quoting mistake cannot cancel out.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"') {
      if (field.length > 0) throw new Error(`csv offset ${i}: quote inside an unquoted field`);
      quoted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === '\r' || ch === '\n') {
      throw new Error(`csv offset ${i}: bare line break outside quotes (records must end with CRLF)`);
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('csv: unterminated quoted field');
  if (field.length > 0 || record.length > 0) throw new Error('csv: last record does not end with CRLF');
  return records;
}
