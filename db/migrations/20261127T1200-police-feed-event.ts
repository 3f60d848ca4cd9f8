// The police events feed as a context layer (issue 5): what the feed says about an event beyond the
// incident row it is stored as (source 'police_feed', external_id = the feed's id). The feed's
// coordinates are municipality centroids, so these incidents are never shown or counted as locations;
// this table holds what the feed panel lists: the feed's own type, place name, title and link.
// `summary` is the police's free text as published: staff-only, never in a public DTO.
// Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
CREATE TABLE police_feed_event (
  incident_id uuid PRIMARY KEY REFERENCES incident(id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES municipality(code) ON DELETE CASCADE,
  event_type text NOT NULL CHECK (length(trim(event_type)) > 0),
  location_name text NOT NULL CHECK (length(trim(location_name)) > 0),
  name text,
  url text CHECK (url IS NULL OR url ~ '^/[^\\s]*$'),
  summary text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX police_feed_event_type_idx ON police_feed_event (municipality_code, event_type);
CREATE INDEX incident_police_feed_time_idx ON incident (municipality_code, occurred_at) WHERE source = 'police_feed';
`;

const DOWN = `
DROP INDEX IF EXISTS incident_police_feed_time_idx;
DROP TABLE IF EXISTS police_feed_event;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
