import { describe, expect, it } from 'vitest';
import { countExtent, DENSITY_RAMP, rampClasses, rampIndex } from './count-ramp';
import { Random } from '@/lib/testing/random';

describe('rampIndex', () => {
  it('maps the smallest count to the first step and the largest to the last', () => {
    expect(rampIndex(3, 3, 30, 6)).toBe(0);
    expect(rampIndex(30, 3, 30, 6)).toBe(5);
    expect(rampIndex(5, 5, 5, 6)).toBe(5);
  });
});

describe('rampClasses', () => {
  it('splits 1…60 into six classes of ten counts', () => {
    expect(rampClasses(1, 61).map((c) => [c.from, c.to])).toEqual([
      [1, 10],
      [11, 20],
      [21, 30],
      [31, 40],
      [41, 50],
      [51, 61],
    ]);
  });

  it('gives each class the colour of its ramp step', () => {
    expect(rampClasses(1, 61).map((c) => c.color)).toEqual(DENSITY_RAMP);
  });

  it('leaves out the steps no whole count falls in when the range is narrower than the ramp', () => {
    const classes = rampClasses(3, 5);
    expect(classes.map((c) => [c.index, c.from, c.to])).toEqual([
      [0, 3, 3],
      [3, 4, 4],
      [5, 5, 5],
    ]);
  });

  it('a single count is one class in the darkest colour, as the layer draws it', () => {
    expect(rampClasses(7, 7)).toEqual([{ index: 5, color: DENSITY_RAMP[5], from: 7, to: 7 }]);
  });

  it('agrees with rampIndex for every count of random extents (seeded)', () => {
    const random = new Random(20261126);
    for (let n = 0; n < 200; n++) {
      const min = 1 + Math.floor(random.next() * 20);
      const max = min + Math.floor(random.next() * (random.next() < 0.5 ? 10 : 5000));
      const classes = rampClasses(min, max);
      // Contiguous, covering exactly min…max.
      expect(classes[0].from).toBe(min);
      expect(classes.at(-1)!.to).toBe(max);
      for (let i = 1; i < classes.length; i++) expect(classes[i].from).toBe(classes[i - 1].to + 1);
      for (const c of classes) for (let count = c.from; count <= c.to; count++) if (rampIndex(count, min, max) !== c.index) expect([count, rampIndex(count, min, max)]).toEqual([count, c.index]);
    }
  });

  it('an empty extent has no classes', () => {
    expect(rampClasses(5, 4)).toEqual([]);
  });
});

describe('countExtent', () => {
  it('is the smallest and largest count, and null for no counts', () => {
    expect(countExtent([4, 9, 2, 7])).toEqual([2, 9]);
    expect(countExtent([])).toBeNull();
  });

  it('copes with more counts than Math.min accepts as arguments', () => {
    const counts = Array.from({ length: 300_000 }, (_, i) => (i % 1000) + 1);
    expect(countExtent(counts)).toEqual([1, 1000]);
  });
});
