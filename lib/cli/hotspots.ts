export interface CsvTable {
  header: string[];
  /** Data rows; row k is on file line k + 2 when no field spans lines. */
  rows: string[][];
  /** 1-based line number in the file where each data row starts. */
  lines: number[];
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines; CRLF or LF. */
export function parseCsv(text: string): CsvTable {
  const records: string[][] = [];
  const starts: number[] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let k = 0; k < src.length; k += 1) {
    const ch = src[k];
    if (inQuotes) {
      if (ch === '"') {
        if (src[k + 1] === '"') {
          field += '"';
          k += 1;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[k + 1] === '\n') k += 1;
      if (fieldStarted || field !== '' || record.length > 0) {
        record.push(field);
        records.push(record);
        starts.push(recordLine);
      }
      record = [];
      field = '';
      fieldStarted = false;
      line += 1;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (fieldStarted || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
    starts.push(recordLine);
  }
  const [header = [], ...rows] = records;
  return { header, rows, lines: starts.slice(1) };
}
