import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, detectDelimiter, parseCsv } from './parse-csv';

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const csv = 'titel;beskrivning\r\n"Torget; norra delen";"Han sa ""hej""\r\noch gick"\r\nParken;enkel\r\n';
    const p = parseCsv(csv);
    expect(p.delimiter).toBe(';');
    expect(p.header).toEqual(['titel', 'beskrivning']);
    expect(p.records).toEqual([
      { row: 2, cells: ['Torget; norra delen', 'Han sa "hej"\r\noch gick'] },
      { row: 4, cells: ['Parken', 'enkel'] },
    ]);
  });

  it('strips the byte-order mark Excel writes before the first header', () => {
    const p = parseCsv('\uFEFFkategori,tidpunkt\ntheft,2025-01-01');
    expect(p.header).toEqual(['kategori', 'tidpunkt']);
    expect(p.delimiter).toBe(',');
  });

  it('detects a semicolon when values hold decimal commas', () => {
    expect(detectDelimiter('lat;lon;kategori\n57,18;14,04;theft')).toBe(';');
    expect(parseCsv('lat;lon\n57,18;14,04').records[0].cells).toEqual(['57,18', '14,04']);
  });

  it('detects a tab and a comma', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('a,b,"c;d"\n')).toBe(',');
  });

  it('skips empty lines but keeps counting rows as a spreadsheet does', () => {
    const p = parseCsv('a;b\n\n1;2\n\n3;4\n');
    expect(p.records.map((r) => r.row)).toEqual([3, 5]);
  });

  it('keeps an empty last cell and quoted empty cells', () => {
    expect(parseCsv('a;b;c\n1;;\n"";2;""').records.map((r) => r.cells)).toEqual([
      ['1', '', ''],
      ['', '2', ''],
    ]);
  });

  it('refuses an unclosed quote and names the row where it started', () => {
    expect(() => parseCsv('a;b\n1;2\n"open;3\n4;5')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a;b\n1;2\n"open;3\n4;5');
    } catch (err) {
      expect((err as CsvSyntaxError).row).toBe(3);
    }
  });

  it('returns no header for an empty file', () => {
    expect(parseCsv('')).toEqual({ delimiter: ';', header: [], records: [] });
  });
});
