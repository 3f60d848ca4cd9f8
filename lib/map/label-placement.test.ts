import { describe, expect, it } from 'vitest';
import { placeLabels } from './label-placement';

const label = (id: string, x: number, y: number, priority: number) => ({ id, text: 'Centrum', x, y, priority });

describe('label placement', () => {
  it('keeps the higher-priority label of two that overlap', () => {
    expect(placeLabels([label('small', 100, 100, 1), label('large', 110, 104, 5)], { fontSizePx: 13 })).toEqual(['large']);
  });

  it('keeps labels that are apart', () => {
    expect(placeLabels([label('a', 100, 100, 1), label('b', 100, 200, 1)], { fontSizePx: 13 })).toEqual(['a', 'b']);
  });

  it('a long name needs more room sideways than a short one', () => {
    const long = { id: 'long', text: 'Hornsborg och västra Värnamo', x: 100, y: 100, priority: 2 };
    expect(placeLabels([long, { id: 'short', text: 'Bor', x: 215, y: 100, priority: 1 }], { fontSizePx: 13 })).toEqual(['long']);
    expect(placeLabels([long, { id: 'short', text: 'Bor', x: 360, y: 100, priority: 1 }], { fontSizePx: 13 })).toEqual(['long', 'short']);
  });

  it('skips labels that cannot be projected', () => {
    expect(placeLabels([label('nan', Number.NaN, 0, 9), label('ok', 0, 0, 1)], { fontSizePx: 13 })).toEqual(['ok']);
  });
});
