// The council's decision and reporting-back loop (issue 7): decisions recorded per activity, who
// reported a follow-up, the moderation step of an activity's public summary, and the notification
// outbox the reminders go through. Imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
-- A decision is a record of what the council decided at a meeting: never edited (a correction is a new
-- decision), removed only with its activity.
CREATE TABLE council_decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code text NOT NULL REFERENCES municipality(code) ON DELETE CASCADE,
  activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  meeting_id uuid REFERENCES est_meeting(id) ON DELETE SET NULL,
  meeting_name text NOT NULL CHECK (length(trim(meeting_name)) > 0),
  decided_on date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('decided', 'rejected')),
  decision_text text NOT NULL CHECK (length(trim(decision_text)) > 0),
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX council_decision_activity_idx ON council_decision (activity_id, decided_on);
CREATE TRIGGER council_decision_immutable BEFORE UPDATE ON council_decision
  FOR EACH ROW EXECUTE FUNCTION lagesbild_reject_change();

-- Who (user or CLI actor) reported the follow-up; reported_by_org_id says for which organisation.
ALTER TABLE follow_up ADD COLUMN reported_by text;

-- The moderation step: public_summary_approved is set only by a reviewer, and cleared when the text changes.
ALTER TABLE activity ADD COLUMN public_summary_reviewed_by text;
ALTER TABLE activity ADD COLUMN public_summary_reviewed_at timestamptz;

-- The outbox: one row per reminder and recipient user. dedupe_key names the event (e.g.
-- 'follow_up_due:2026-Q4:<activity>'), so filling the outbox twice adds nothing. Derived data: its
-- time column is queued_at, not created_at, so it never counts as work added to demo data.
CREATE TABLE notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code text NOT NULL REFERENCES municipality(code) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES auth_user(id) ON DELETE CASCADE,
  organisation_id uuid REFERENCES organisation(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('follow_up_due', 'activity_overdue', 'vandalism_assigned', 'cleanup_due')),
  dedupe_key text NOT NULL CHECK (length(dedupe_key) > 0),
  subject_id uuid,
  title text NOT NULL,
  body text NOT NULL,
  link text,
  due_at timestamptz,
  queued_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  email_status text NOT NULL DEFAULT 'pending' CHECK (email_status IN ('pending', 'sent', 'not_configured', 'failed')),
  email_attempts integer NOT NULL DEFAULT 0 CHECK (email_attempts >= 0),
  email_sent_at timestamptz,
  email_error text,
  UNIQUE (municipality_code, user_id, dedupe_key)
);
CREATE INDEX notification_user_idx ON notification (user_id, read_at, queued_at);
CREATE INDEX notification_email_idx ON notification (email_status) WHERE email_status IN ('pending', 'failed');
`;

const DOWN = `
DROP TABLE IF EXISTS notification, council_decision;
ALTER TABLE activity DROP COLUMN IF EXISTS public_summary_reviewed_by, DROP COLUMN IF EXISTS public_summary_reviewed_at;
ALTER TABLE follow_up DROP COLUMN IF EXISTS reported_by;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
