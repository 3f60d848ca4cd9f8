import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '@/lib/domain/categories';
import { getPublicationGroupOf, listPublicationGroups } from './publication-groups';

describe('listPublicationGroups', () => {
  const groups = listPublicationGroups();
  const all = groups.flatMap((g) => g.categoryKeys);

  it('leaves every sensitive category out of the published groups', () => {
    for (const key of ['domestic_violence', 'sexual_offence', 'rape']) expect(all).not.toContain(key);
  });

  it('leaves police-only categories out of the published groups', () => {
    expect(all).not.toContain('police_intelligence');
  });

  it('keeps assault in the violence group', () => {
    expect(groups.find((g) => g.key === 'violence')?.categoryKeys).toContain('assault');
  });

  it('counts every normal category in exactly one group', () => {
    const normal = CATEGORIES.filter((c) => c.sensitivity === 'normal').map((c) => c.key).sort();
    expect([...all].sort()).toEqual(normal);
  });

  it('drops a group whose categories are all sensitive', () => {
    const only = listPublicationGroups([
      { key: 'a', group: 'violence', sensitivity: 'sensitive' },
      { key: 'b', group: 'property', sensitivity: 'normal' },
    ]);
    expect(only.map((g) => g.key)).toEqual(['property']);
  });
});

describe('getPublicationGroupOf', () => {
  it('gives no group for a sensitive category', () => {
    expect(getPublicationGroupOf({ group: 'violence', sensitivity: 'sensitive' })).toBeNull();
  });
});
