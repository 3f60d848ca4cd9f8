// Greedy screen-space label placement: the most important label first, then every label whose box
// does not overlap one already placed. deck.gl's TextLayer draws every label it gets, so without this
// the small districts of a town centre print over each other at the municipality's zoom.

export interface LabelCandidate {
  id: string;
  text: string;
  /** Screen position of the label's centre, in CSS pixels. */
  x: number;
  y: number;
  /** Higher first. */
  priority: number;
}

export interface LabelPlacementOptions {
  fontSizePx: number;
  /** Average glyph advance as a share of the font size (system sans-serif, mixed case ≈ 0.6). */
  charWidth?: number;
  /** Free space kept around each label, in pixels. */
  paddingPx?: number;
}

type Box = [number, number, number, number];

function overlaps(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Ids of the labels to draw, in priority order (ties keep the input order). */
export function placeLabels(candidates: readonly LabelCandidate[], options: LabelPlacementOptions): string[] {
  const { fontSizePx, charWidth = 0.6, paddingPx = 4 } = options;
  const order = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.priority - a.c.priority || a.i - b.i);
  const placed: Box[] = [];
  const ids: string[] = [];
  for (const { c } of order) {
    if (!Number.isFinite(c.x) || !Number.isFinite(c.y)) continue;
    const halfW = (c.text.length * fontSizePx * charWidth) / 2 + paddingPx;
    const halfH = (fontSizePx * 1.2) / 2 + paddingPx;
    const box: Box = [c.x - halfW, c.y - halfH, c.x + halfW, c.y + halfH];
    if (placed.some((p) => overlaps(p, box))) continue;
    placed.push(box);
    ids.push(c.id);
  }
  return ids;
}
