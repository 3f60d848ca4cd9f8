import { describe, expect, it } from 'vitest';
import { buildAuditInput } from './build-audit-input';

const figure = (label: string, count: number | null, parts: string[]) => ({ label, count, suppressed: count === null, parts });

describe('buildAuditInput', () => {
  it('turns published figures into facts and suppressed ones into unknowns to bound', () => {
    const input = buildAuditInput([{ version: 1, figures: [figure('A', 7, ['a']), figure('B', null, ['b'])] }], 5);
    expect(input).toEqual({ facts: [{ id: 'A', variables: ['a'], value: 7, version: 1 }], suppressed: [{ id: 'B', variables: ['b'] }], k: 5 });
  });

  it("keeps another audience's published figures as facts without bounding what it suppressed", () => {
    const input = buildAuditInput([{ version: 1, boundSuppressed: false, figures: [figure('public A', 7, ['a']), figure('public B', null, ['b'])] }], 3);
    expect(input.facts.map((f) => f.id)).toEqual(['public A']);
    expect(input.suppressed).toEqual([]);
  });

  it('leaves out a total with no published parts', () => {
    expect(buildAuditInput([{ version: 1, figures: [figure('total', 0, [])] }], 5).facts).toEqual([]);
  });
});
