// What the map's area panel shows for one area: its survey results (trygghetsmätning per year and
// indicator) and counts under the current filter. Pure DTO types.

export interface AreaSurveyResult {
  year: number;
  indicator: string;
  value: number;
  unit: string;
  source: string | null;
}

/** A dialogue summary of the area (internal text of the EST group). */
export interface AreaDialogueSummary {
  id: string;
  kind: string;
  heldOn: string;
  title: string;
  summary: string;
  participants: number | null;
  source: string | null;
  meetingHeldOn: string | null;
}

export interface AreaPanelDto {
  area: { id: string; name: string; kind: string; code: string | null; areaKm2: number };
  surveys: AreaSurveyResult[];
  /** Dialogue summaries, newest first; absent when the viewer's roles may not read them (council, partner). */
  dialogues?: AreaDialogueSummary[];
  /**
   * exact: counts of the records the viewer sees exactly; aggregate: incidents over every record of a
   * normal category, null when below k (suppressed), places not shown.
   */
  counts:
    | { mode: 'exact'; incidents: number | null; unsafePlaces: number | null; vandalism: number | null }
    | { mode: 'aggregate'; k: number; incidents: number | null; from: string; to: string };
}
