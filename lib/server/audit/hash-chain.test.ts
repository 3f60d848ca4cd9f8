import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csvCell } from './audit-csv';
import { auditRowHash, canonicalJson, idsHash, idsHashOfUuidBytes } from './hash-chain';

const ROW = {
  id: 1,
  municipality_code: '0683',
  occurred_at: new Date('2026-11-25T12:00:00.123Z'),
  actor: 'a@example.se',
  action: 'read',
  resource: 'incident_point',
  details: { filter: { to: '2026-02-01', from: '2026-01-01' } },
  result_count: 2,
  ids_hash: null,
  prev_hash: null,
};

describe('hash chain', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"x":2,"y":1}]},"b":1}');
  });

  it('the same row gives the same hash whatever the key order of its details', () => {
    const other = { ...ROW, details: { filter: { from: '2026-01-01', to: '2026-02-01' } } };
    expect(auditRowHash(other)).toBe(auditRowHash(ROW));
  });

  it('any change of a field changes the hash', () => {
    const base = auditRowHash(ROW);
    expect(auditRowHash({ ...ROW, result_count: 3 })).not.toBe(base);
    expect(auditRowHash({ ...ROW, actor: 'b@example.se' })).not.toBe(base);
    expect(auditRowHash({ ...ROW, prev_hash: 'f'.repeat(64) })).not.toBe(base);
    expect(auditRowHash({ ...ROW, occurred_at: new Date('2026-11-25T12:00:00.124Z') })).not.toBe(base);
  });

  it('a stored hash field is not part of what is hashed', () => {
    expect(auditRowHash({ ...ROW, hash: 'x' } as typeof ROW)).toBe(auditRowHash(ROW));
  });

  it('ids hash ignores order', () => {
    expect(idsHash(['b', 'a'])).toBe(idsHash(['a', 'b']));
    expect(idsHash(['a'])).not.toBe(idsHash(['a', 'b']));
  });

  it('ids hash of UUIDs is sha256 of their string sort joined by newlines, whatever their number', () => {
    const plain = (ids: string[]) => createHash('sha256').update([...ids].sort().join('\n'), 'utf8').digest('hex');
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
    // Random (version 4), a shared time prefix with ascending sequence (version 7 as the synthetic
    // loader writes them), duplicates, and enough of them to cross the 4,096-id slices.
    const random = Array.from({ length: 9000 }, () => randomUUID());
    const ordered = Array.from({ length: 5000 }, (_, i) => `0190a1b2-c3d4-7000-8000-${hex(4999 - i, 12)}`);
    const sameHigh = Array.from({ length: 300 }, (_, i) => `ffffffff-ffff-${hex(i * 37 % 65536, 4)}-${hex(i % 7, 4)}-000000000000`);
    for (const ids of [random, ordered, sameHigh, [...random.slice(0, 50), ...random.slice(0, 50)], [randomUUID()], []]) {
      expect(idsHash(ids)).toBe(plain(ids));
    }
    // Not all UUID texts: the plain string sort.
    const mixed = [...random.slice(0, 10), 'ABC', '42'];
    expect(idsHash(mixed)).toBe(plain(mixed));
    expect(idsHash([3, 20, 100])).toBe(plain(['3', '20', '100']));
  });
});

describe('audit CSV', () => {
  it('neutralises formula cells and doubles quotes', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const c of ['+1', '-1', '@SUM(A1)', '\tx']) expect(csvCell(c).startsWith(`"'`)).toBe(true);
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell(null)).toBe('""');
  });
});

describe('ids hash of UUID bytes', () => {
  const bytesOf = (texts: string[]) => {
    const out = new Uint8Array(texts.length * 16);
    texts.forEach((t, i) => out.set(Buffer.from(t.replaceAll('-', ''), 'hex'), i * 16));
    return out;
  };

  it('equals idsHash of the texts for random v4 ids', () => {
    const texts = Array.from({ length: 5000 }, () => randomUUID());
    expect(idsHashOfUuidBytes(bytesOf(texts))).toBe(idsHash(texts));
  });

  it('equals idsHash of the texts for ids sharing their first bytes, given out of order', () => {
    const texts = Array.from({ length: 3000 }, (_, i) => `0000${(i % 7).toString(16)}000-0000-4000-8000-${(((i * 7919) % 3000) * 4099).toString(16).padStart(12, '0')}`);
    texts.push(texts[5]);
    expect(idsHashOfUuidBytes(bytesOf(texts))).toBe(idsHash(texts));
  });

  it('equals idsHash of the texts for ids that tie on one, two or three of their 4-byte keys', () => {
    const hex = (v: number, w: number) => v.toString(16).padStart(w, '0');
    // Keys drawn from tiny ranges, so runs tie at each level and some differ only in the last bytes.
    const texts = Array.from({ length: 4000 }, (_, i) => {
      const k = (i * 2654435761) >>> 0;
      return `${hex(k % 3, 8)}-${hex((k >>> 3) % 2, 4)}-${hex((k >>> 5) % 2, 4)}-${hex((k >>> 7) % 3, 4)}-${hex((k >>> 9) % 3, 4)}${hex(i, 8)}`;
    });
    texts.push(texts[17], texts[3000]);
    expect(idsHashOfUuidBytes(bytesOf(texts))).toBe(idsHash(texts));
  });

  it('equals idsHash of the texts for sequential ids and for none', () => {
    const texts = Array.from({ length: 1000 }, (_, i) => `018f0000-0000-7000-8000-${(1000 - i).toString(16).padStart(12, '0')}`);
    expect(idsHashOfUuidBytes(bytesOf(texts))).toBe(idsHash(texts));
    expect(idsHashOfUuidBytes(new Uint8Array(0))).toBe(idsHash([]));
  });
});
