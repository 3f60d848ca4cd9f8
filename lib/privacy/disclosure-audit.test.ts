import { describe, expect, it } from 'vitest';
import { auditDisclosure, type PublishedFact } from './disclosure-audit';

const fact = (id: string, variables: string[], value: number, version?: number): PublishedFact => ({ id, variables, value, version });

describe('auditDisclosure', () => {
  it('passes cells published alone with totals of published cells only', async () => {
    const result = await auditDisclosure({
      facts: [fact('A', ['a'], 7), fact('C', ['c'], 6), fact('total', ['a', 'c'], 13)],
      suppressed: [{ id: 'B', variables: ['b'] }],
      k: 5,
    });
    expect(result.passed).toBe(true);
    expect(result.ranges).toEqual([{ id: 'B', min: 0, max: null, leak: null }]);
  });

  it('catches a published total that includes a suppressed cell', async () => {
    const result = await auditDisclosure({
      facts: [fact('A', ['a'], 7), fact('C', ['c'], 6), fact('area total', ['a', 'b', 'c'], 16)],
      suppressed: [{ id: 'B', variables: ['b'] }],
      k: 5,
    });
    expect(result.passed).toBe(false);
    expect(result.leaks).toEqual([expect.objectContaining({ kind: 'pinned', id: 'B', min: 3, max: 3 })]);
  });

  it('catches a focus-area figure that differs from published cells by one suppressed cell', async () => {
    const result = await auditDisclosure({
      facts: [fact('district 1', ['d1'], 12), fact('district 2', ['d2'], 9), fact('focus area', ['d1', 'd2', 'd3'], 22)],
      suppressed: [{ id: 'district 3', variables: ['d3'] }],
      k: 5,
    });
    expect(result.leaks.map((l) => [l.kind, l.id, l.min])).toEqual([['pinned', 'district 3', 1]]);
  });

  it('catches a second version whose cell fell below k by one incident', async () => {
    const result = await auditDisclosure({
      facts: [fact('v1 A', ['q3|a'], 5, 1), fact('v2 B', ['q3|b'], 8, 2)],
      suppressed: [{ id: 'v2 A', variables: ['q3|a'] }],
      k: 5,
    });
    expect(result.leaks).toEqual([expect.objectContaining({ kind: 'pinned', id: 'v2 A' })]);
  });

  it('catches two published versions of a cell that differ by one incident', async () => {
    const result = await auditDisclosure({
      facts: [fact('v1 A', ['q3|a'], 7, 1), fact('v2 A', ['q3|a'], 6, 2)],
      suppressed: [],
      k: 5,
    });
    expect(result.leaks).toEqual([expect.objectContaining({ kind: 'version-difference', id: 'v2 A' })]);
  });

  it('accepts two published versions of a cell that differ by at least k', async () => {
    const result = await auditDisclosure({ facts: [fact('v1 A', ['a'], 7, 1), fact('v2 A', ['a'], 12, 2)], suppressed: [], k: 5 });
    expect(result.passed).toBe(true);
  });

  it('catches a range inside 1…k−1 that only a linear program finds', async () => {
    // b + c = 4 and c + d = 1 give b ∈ [3, 4]: never one value, but always fewer than 5 and more than 0.
    const result = await auditDisclosure({
      facts: [fact('b+c', ['b', 'c'], 4), fact('c+d', ['c', 'd'], 1)],
      suppressed: [{ id: 'B', variables: ['b'] }],
      k: 5,
    });
    expect(result.ranges[0]).toEqual({ id: 'B', min: 3, max: 4, leak: 'small-range' });
    expect(result.stats.linearPrograms).toBe(2);
  });

  it('finds with whole incidents a range the LP relaxation leaves open', async () => {
    // Overlapping sums (truth a=3 b=2 c=3 d=2 e=0): the LP lets c reach 0 with fractional others,
    // whole incidents cannot, so c lies in 1…3 — inside 1…k−1.
    const facts = [fact('a+b+c+e', ['a', 'b', 'c', 'e'], 8), fact('d+e', ['d', 'e'], 2), fact('a+b+d', ['a', 'b', 'd'], 7), fact('a+c+e', ['a', 'c', 'e'], 6)];
    const suppressed = [{ id: 'C', variables: ['c'] }];
    expect((await auditDisclosure({ facts, suppressed, k: 5, integer: false })).ranges[0]).toMatchObject({ min: 0, max: 3, leak: null });
    const exact = await auditDisclosure({ facts, suppressed, k: 5 });
    expect(exact.ranges[0]).toMatchObject({ min: 1, max: 3, leak: 'small-range' });
    expect(exact.stats.integerPrograms).toBeGreaterThan(0);
  });

  it('accepts a suppressed pair whose published sum leaves each free from 0 to the sum', async () => {
    const result = await auditDisclosure({
      facts: [fact('b+c', ['b', 'c'], 9)],
      suppressed: [{ id: 'B', variables: ['b'] }, { id: 'C', variables: ['c'] }],
      k: 5,
    });
    expect(result.passed).toBe(true);
    expect(result.ranges.map((r) => [r.min, r.max])).toEqual([[0, 9], [0, 9]]);
  });

  it('catches a suppressed figure whose cells a published sum covers exactly', async () => {
    const result = await auditDisclosure({ facts: [fact('b+c', ['b', 'c'], 4)], suppressed: [{ id: 'B+C', variables: ['b', 'c'] }], k: 5 });
    expect(result.ranges).toEqual([{ id: 'B+C', min: 4, max: 4, leak: 'pinned' }]);
  });

  it('reports figures that no non-negative counts can satisfy', async () => {
    const result = await auditDisclosure({
      facts: [fact('A', ['a'], 7), fact('B', ['b'], 5), fact('A+B', ['a', 'b'], 10)],
      suppressed: [],
      k: 5,
    });
    expect(result.leaks).toEqual([expect.objectContaining({ kind: 'inconsistent', id: 'A+B' })]);
  });

  it('audits a municipality-sized publication component by component, solving one-equation components in closed form', async () => {
    // 300 cells × 6 groups × 8 quarters; every third cell suppressed; a published sum of two suppressed cells per 48 cells.
    const facts: PublishedFact[] = [];
    const suppressed: { id: string; variables: string[] }[] = [];
    for (let q = 0; q < 8; q += 1) {
      for (let g = 0; g < 6; g += 1) {
        for (let c = 0; c < 300; c += 1) {
          const v = `${q}|${g}|${c}`;
          if (c % 3 === 0) suppressed.push({ id: v, variables: [v] });
          else facts.push(fact(v, [v], 5 + (c % 7)));
        }
        for (let c = 0; c < 294; c += 48) facts.push(fact(`pair ${q}|${g}|${c}`, [`${q}|${g}|${c}`, `${q}|${g}|${c + 3}`], 20));
      }
    }
    const result = await auditDisclosure({ facts, suppressed, k: 5 });
    expect(result.passed).toBe(true);
    expect(result.stats.components).toBe(8 * 6 * 7);
    expect(result.stats.linearPrograms).toBe(0);
  });
});
