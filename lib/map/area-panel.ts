// What the map's area panel shows for one area: its survey results (trygghetsmätning per year and
// indicator) and counts under the current filter. Pure DTO types.

export interface AreaSurveyResult {
  year: number;
  indicator: string;
  value: number;
  unit: string;
  source: string | null;
}

export interface AreaPanelDto {
  area: { id: string; name: string; kind: string; code: string | null; areaKm2: number };
  surveys: AreaSurveyResult[];
  /**
   * exact: counts of the records the viewer sees exactly; aggregate: incidents over every record of a
   * normal category, null when below k (suppressed), places not shown.
   */
  counts:
    | { mode: 'exact'; incidents: number | null; unsafePlaces: number | null; vandalism: number | null }
    | { mode: 'aggregate'; k: number; incidents: number | null; from: string; to: string };
}
