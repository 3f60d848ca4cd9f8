// Dialogue summaries (issue 5): what a focus group, a digital safety walk or a dialogue meeting said
// about an area, attached to the area and, when it was brought to one, to an EST meeting. Internal
// text of the EST group (never public, never the council's). Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
CREATE TABLE dialogue_summary (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code text NOT NULL REFERENCES municipality(code) ON DELETE CASCADE,
  area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  est_meeting_id uuid REFERENCES est_meeting(id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('focus_group', 'digital_safety_walk', 'safety_walk', 'dialogue_meeting', 'resident_survey', 'other')),
  held_on date NOT NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  summary text NOT NULL CHECK (length(trim(summary)) > 0),
  participants integer CHECK (participants IS NULL OR participants >= 0),
  source text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dialogue_summary_area ON dialogue_summary (municipality_code, area_id, held_on DESC);
CREATE INDEX dialogue_summary_meeting ON dialogue_summary (est_meeting_id) WHERE est_meeting_id IS NOT NULL;
`;

const DOWN = `DROP TABLE IF EXISTS dialogue_summary;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
