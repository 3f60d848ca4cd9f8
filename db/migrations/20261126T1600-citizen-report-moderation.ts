// Citizen reports (issue 8): what moderation decides (a public pin only for a place in public space,
// confirmed by the moderator), when contact details were deleted, the photo (metadata stripped before
// it is stored; never public), and the per-client submission counter of the spam protection.
// Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
ALTER TABLE citizen_report
  ADD COLUMN public_pin boolean NOT NULL DEFAULT false,
  ADD COLUMN moderated_by text,
  ADD COLUMN moderated_at timestamptz,
  ADD COLUMN contact_purged_at timestamptz;
-- A pin is public only for an approved (or converted) report with a moderated public text.
ALTER TABLE citizen_report ADD CONSTRAINT citizen_report_public_pin_moderated
  CHECK (NOT public_pin OR (moderation_state IN ('approved', 'converted') AND public_summary IS NOT NULL));
CREATE INDEX citizen_report_queue_idx ON citizen_report (municipality_code, moderation_state, created_at);
CREATE INDEX citizen_report_closed_idx ON citizen_report (closed_at) WHERE closed_at IS NOT NULL AND contact_purged_at IS NULL;

-- The photo as re-encoded on the server (EXIF, GPS and every other metadata block dropped).
CREATE TABLE citizen_report_photo (
  report_id uuid PRIMARY KEY REFERENCES citizen_report(id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES municipality(code) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type = 'image/jpeg'),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Submissions per client and fixed window. key is a sha256 over the client address and the window, so
-- no address is stored and two windows of one client cannot be linked; rows older than a day are purged.
CREATE TABLE citizen_report_rate (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL CHECK (count >= 0),
  PRIMARY KEY (key, window_start)
);
CREATE INDEX citizen_report_rate_window_idx ON citizen_report_rate (window_start);
`;

const DOWN = `
DROP TABLE IF EXISTS citizen_report_rate, citizen_report_photo;
DROP INDEX IF EXISTS citizen_report_queue_idx;
DROP INDEX IF EXISTS citizen_report_closed_idx;
ALTER TABLE citizen_report DROP CONSTRAINT IF EXISTS citizen_report_public_pin_moderated;
ALTER TABLE citizen_report DROP COLUMN IF EXISTS public_pin, DROP COLUMN IF EXISTS moderated_by,
  DROP COLUMN IF EXISTS moderated_at, DROP COLUMN IF EXISTS contact_purged_at;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
