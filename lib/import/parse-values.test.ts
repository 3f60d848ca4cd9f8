import { describe, expect, it } from 'vitest';
import { parseBoolean, parseDecimal, parseInteger, parseTimestamp, unneutralise } from './parse-values';

describe('parseDecimal', () => {
  it('reads a decimal comma, a decimal point and thousands separators', () => {
    expect(parseDecimal('57,1832')).toEqual({ ok: true, value: 57.1832 });
    expect(parseDecimal('14.0478')).toEqual({ ok: true, value: 14.0478 });
    expect(parseDecimal('1 234,50')).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal('6\u00a0340\u00a0123')).toEqual({ ok: true, value: 6340123 });
    expect(parseDecimal('1.234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal('\u22125,5')).toEqual({ ok: true, value: -5.5 });
  });

  it('refuses text that is not a number', () => {
    expect(parseDecimal('57°11′').ok).toBe(false);
    expect(parseDecimal('abc').ok).toBe(false);
    expect(parseDecimal('').ok).toBe(false);
    expect(parseDecimal('1,2,3').ok).toBe(false);
  });
});

describe('parseTimestamp', () => {
  it('reads Stockholm wall-clock time without an offset, summer and winter', () => {
    expect(parseTimestamp('2025-07-01 14:30')).toEqual({ ok: true, value: '2025-07-01T12:30:00.000Z' });
    expect(parseTimestamp('2025-01-15 08.05')).toEqual({ ok: true, value: '2025-01-15T07:05:00.000Z' });
    expect(parseTimestamp('2025-01-15')).toEqual({ ok: true, value: '2025-01-14T23:00:00.000Z' });
  });

  it('keeps the instant of a time with an offset or Z', () => {
    expect(parseTimestamp('2025-07-01T14:30:00+02:00')).toEqual({ ok: true, value: '2025-07-01T12:30:00.000Z' });
    expect(parseTimestamp('2025-07-01T12:30:00.000Z')).toEqual({ ok: true, value: '2025-07-01T12:30:00.000Z' });
  });

  it('refuses impossible dates and other formats', () => {
    expect(parseTimestamp('2025-02-30 10:00').ok).toBe(false);
    expect(parseTimestamp('1/3/2025').ok).toBe(false);
    expect(parseTimestamp('2025-01-01 25:00').ok).toBe(false);
  });
});

describe('other cells', () => {
  it('reads yes and no in Swedish and English', () => {
    expect(parseBoolean('Ja')).toEqual({ ok: true, value: true });
    expect(parseBoolean('nej')).toEqual({ ok: true, value: false });
    expect(parseBoolean('')).toEqual({ ok: true, value: false });
    expect(parseBoolean('kanske').ok).toBe(false);
  });

  it('reads whole numbers only', () => {
    expect(parseInteger('2025')).toEqual({ ok: true, value: 2025 });
    expect(parseInteger('2025,5').ok).toBe(false);
  });

  it('undoes the export’s formula neutralisation and nothing else', () => {
    expect(unneutralise("'=SUMMA(A1)")).toBe('=SUMMA(A1)');
    expect(unneutralise("'-5")).toBe('-5');
    expect(unneutralise("'citat'")).toBe("'citat'");
  });
});
