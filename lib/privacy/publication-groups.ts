// The category groups that council, partner and public aggregates are published by, with the
// sensitive and police-only categories left out (DESIGN.md §2: sensitive categories are "never in
// public aggregates"; police-only records stay with the police).
import { CATEGORIES, CATEGORY_GROUPS, type CategoryDefinition, type CategoryGroup } from '@/lib/domain/categories';

/** A published group: its key and the 'normal' categories it counts. */
export interface PublicationGroup {
  key: CategoryGroup;
  categoryKeys: readonly string[];
}

/**
 * Whether a category may be counted in any aggregate that leaves the EST group: only sensitivity
 * 'normal' (DESIGN.md §2, sensitivity caps publication).
 */
export function isPublishableCategory(category: Pick<CategoryDefinition, 'sensitivity'>): boolean {
  return category.sensitivity === 'normal';
}

/**
 * The publication groups of a category catalogue: every category group that keeps at least one
 * 'normal' category, each counting only those. "Våld och hot" thus never includes violence in close
 * relationships or sexual offences, and "Övrigt" never includes police intelligence.
 */
export function listPublicationGroups(categories: readonly Pick<CategoryDefinition, 'key' | 'group' | 'sensitivity'>[] = CATEGORIES): PublicationGroup[] {
  return CATEGORY_GROUPS.map((key) => ({
    key,
    categoryKeys: categories.filter((c) => c.group === key && isPublishableCategory(c)).map((c) => c.key),
  })).filter((g) => g.categoryKeys.length > 0);
}

/** The publication group a category is counted in, or null when it is never published. */
export function getPublicationGroupOf(category: Pick<CategoryDefinition, 'group' | 'sensitivity'>): CategoryGroup | null {
  return isPublishableCategory(category) ? category.group : null;
}
