// What the staff map's selection panel receives for a lasso: the records inside it (as far as the
// viewer may see them exactly) and exact counts per layer and category. Pure DTO types and helpers.

/** As in URLs: /api/v1/records/<kind>/<id>, /karta/post/<kind>/<id>. */
export type SelectedKind = 'incident' | 'unsafe-place' | 'vandalism';

export interface SelectedRecordDto {
  kind: SelectedKind;
  id: string;
  lon: number;
  lat: number;
  /** Incident: category key; unsafe place: its title; vandalism: its kind (graffiti, damage). */
  label: string;
  status: string | null;
  /** ISO-8601 (UTC) of occurred_at or reported_at. */
  at: string;
}

export interface SelectionDto {
  /** Exact counts; null where the layer is hidden or the viewer may not read it exactly. */
  counts: { incidents: number | null; unsafePlaces: number | null; vandalism: number | null };
  byCategory: { key: string; count: number }[];
  records: SelectedRecordDto[];
  /** More records matched than were listed (counts and the export still cover them all). */
  truncated: boolean;
  /** The viewer may export the selection (CSV, GeoJSON). */
  canExport: boolean;
}

/** Total of the counted layers. */
export function selectionTotal(dto: Pick<SelectionDto, 'counts'>): number {
  return (dto.counts.incidents ?? 0) + (dto.counts.unsafePlaces ?? 0) + (dto.counts.vandalism ?? 0);
}
