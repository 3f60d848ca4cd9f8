import { describe, expect, it } from 'vitest';
import { formatPublishedSum, sumPublishedCells } from './sum-published-cells';

describe('sumPublishedCells', () => {
  it('sums published cells only and marks the sum "minst" when a part is suppressed', () => {
    const sum = sumPublishedCells([{ value: 7 }, { value: null }, { value: 5 }]);
    expect(sum).toEqual({ value: 12, atLeast: true, publishedParts: 2, suppressedParts: 1 });
    expect(formatPublishedSum(sum)).toBe('minst 12');
  });

  it('gives an exact sum when every part is published', () => {
    expect(formatPublishedSum(sumPublishedCells([{ value: 7 }, { value: 5 }]))).toBe('12');
  });
});
