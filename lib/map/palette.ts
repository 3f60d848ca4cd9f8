// Colours of the map. Category groups use the Okabe–Ito palette, which stays distinguishable under
// the common colour-vision deficiencies (Okabe & Ito 2008, https://jfly.uni-koeln.de/color/).
import { CATEGORY_GROUPS, type CategoryGroup, getCategory } from '@/lib/domain/categories';

export type Rgb = readonly [number, number, number];

export const GROUP_COLORS: Record<CategoryGroup, Rgb> = {
  violence: [213, 94, 0], // vermillion
  property: [0, 114, 178], // blue
  damage: [230, 159, 0], // orange
  drugs: [0, 158, 115], // bluish green
  weapons: [204, 121, 167], // reddish purple
  disorder: [86, 180, 233], // sky blue
  other: [0, 0, 0], // black
};

/** Map background of the offline style: a light neutral that every group colour contrasts with. */
export const BACKGROUND_COLOR = '#eeede7';
export const MUNICIPALITY_FILL_COLOR = '#ffffff';
export const DISTRICT_FILL_COLOR = '#fbfaf6';
export const DISTRICT_LINE_COLOR = '#8a8f98';
export const MUNICIPALITY_LINE_COLOR = '#2f3540';
export const LABEL_COLOR: Rgb = [47, 53, 64];

export function toCss([r, g, b]: Rgb): string {
  return `rgb(${r} ${g} ${b})`;
}

/** Groups in legend order. */
export const LEGEND_GROUPS: readonly CategoryGroup[] = CATEGORY_GROUPS;

/** RGBA bytes per point from its category index, via the category's group colour. */
export function colorsForCategoryIndex(categoryIndex: Uint8Array, categoryKeys: readonly string[], alpha = 230): Uint8Array {
  const table = categoryKeys.map((key) => {
    let group: CategoryGroup = 'other';
    try {
      group = getCategory(key).group;
    } catch {
      // A category the server knows and this build does not: shown as "other".
    }
    return GROUP_COLORS[group];
  });
  const out = new Uint8Array(categoryIndex.length * 4);
  for (let i = 0; i < categoryIndex.length; i++) {
    const c = table[categoryIndex[i]] ?? GROUP_COLORS.other;
    out[i * 4] = c[0];
    out[i * 4 + 1] = c[1];
    out[i * 4 + 2] = c[2];
    out[i * 4 + 3] = alpha;
  }
  return out;
}
