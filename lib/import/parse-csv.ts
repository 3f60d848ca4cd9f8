// CSV as spreadsheets write it (RFC 4180 plus what Swedish Excel does): a UTF-8 byte-order mark,
// `;` as the delimiter (Swedish Excel, because `,` is the decimal separator) or `,` or a tab, fields
// quoted with `"` and `""` for a quote inside, line breaks inside quoted fields, CRLF or LF. Pure.

export interface CsvRecord {
  /** Row number as a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  row: number;
  cells: string[];
}

export interface ParsedCsv {
  delimiter: ';' | ',' | '\t';
  header: string[];
  records: CsvRecord[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const DELIMITERS = [';', ',', '\t'] as const;

/** The delimiter of the header line: the candidate that occurs most often outside quotes (`;` wins ties). */
export function detectDelimiter(text: string): ParsedCsv['delimiter'] {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: ParsedCsv['delimiter'] = ';';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Strips a UTF-8 byte-order mark (Excel's "CSV UTF-8" writes one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses the whole text. Empty lines are skipped (they still count for row numbers, as in a
 * spreadsheet). An unclosed quote throws CsvSyntaxError naming the row it started on.
 */
export function parseCsv(input: string, options: { delimiter?: ParsedCsv['delimiter'] } = {}): ParsedCsv {
  const text = stripBom(input);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let row = 1;
  let recordStart = 1;
  let i = 0;
  let cellQuoted = false;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '' && !cellQuoted)) rows.push({ row: recordStart, cells });
    cells = [];
    cell = '';
    cellQuoted = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && cell === '' && !cellQuoted) {
      // A quoted field: read to the closing quote.
      cellQuoted = true;
      const startRow = row;
      i++;
      let value = '';
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(`row ${startRow}: a quoted field is never closed (a " is missing)`, startRow);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') row++;
        value += c;
        i++;
      }
      cell = value;
      // Text after the closing quote up to the delimiter is kept (lenient, as spreadsheets are).
      continue;
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      cellQuoted = false;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      row++;
      recordStart = row;
      continue;
    }
    cell += ch;
    i++;
  }
  if (cell !== '' || cells.length > 0 || cellQuoted) endRecord();
  const [first, ...records] = rows;
  return { delimiter, header: first ? first.cells.map((h) => h.trim()) : [], records };
}
