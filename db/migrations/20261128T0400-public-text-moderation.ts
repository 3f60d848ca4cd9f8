// The texts the public reads about pledges and activities pass a moderation step (issue 7, DESIGN §3
// "texts that council or public may read are separate fields"): the public sees the last approved
// copy (published_title, published_summary), or nothing. A trigger keeps the copy honest whatever code
// writes the row: the copy is taken only when the row turns approved, and any change of the title or
// the public summary of an approved row turns it back to "waiting for review" (the copy stays).
// Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
ALTER TABLE pledge ADD COLUMN public_summary_approved boolean NOT NULL DEFAULT false;
ALTER TABLE pledge ADD COLUMN public_summary_reviewed_by text;
ALTER TABLE pledge ADD COLUMN public_summary_reviewed_at timestamptz;
ALTER TABLE pledge ADD COLUMN published_title text;
ALTER TABLE pledge ADD COLUMN published_summary text;
ALTER TABLE activity ADD COLUMN published_title text;
ALTER TABLE activity ADD COLUMN published_summary text;

CREATE FUNCTION lagesbild_public_text_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.public_summary_approved AND NEW.public_summary_approved
     AND (NEW.title, NEW.public_summary) IS DISTINCT FROM (OLD.title, OLD.public_summary) THEN
    NEW.public_summary_approved := false;
    NEW.public_summary_reviewed_by := NULL;
    NEW.public_summary_reviewed_at := NULL;
  END IF;
  IF NEW.public_summary_approved AND (TG_OP = 'INSERT' OR NOT OLD.public_summary_approved) THEN
    NEW.published_title := NEW.title;
    NEW.published_summary := NEW.public_summary;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER pledge_public_text_copy BEFORE INSERT OR UPDATE ON pledge
  FOR EACH ROW EXECUTE FUNCTION lagesbild_public_text_copy();
CREATE TRIGGER activity_public_text_copy BEFORE INSERT OR UPDATE ON activity
  FOR EACH ROW EXECUTE FUNCTION lagesbild_public_text_copy();

-- Already approved activity summaries stay public as they are.
UPDATE activity SET published_title = title, published_summary = public_summary WHERE public_summary_approved;
-- Pledge texts were public before this step existed: they count as approved at the migration.
UPDATE pledge SET public_summary_approved = true, public_summary_reviewed_by = 'system:migration', public_summary_reviewed_at = now();
`;

const DOWN = `
DROP TRIGGER IF EXISTS activity_public_text_copy ON activity;
DROP TRIGGER IF EXISTS pledge_public_text_copy ON pledge;
DROP FUNCTION IF EXISTS lagesbild_public_text_copy();
ALTER TABLE activity DROP COLUMN IF EXISTS published_title, DROP COLUMN IF EXISTS published_summary;
ALTER TABLE pledge DROP COLUMN IF EXISTS public_summary_approved, DROP COLUMN IF EXISTS public_summary_reviewed_by,
  DROP COLUMN IF EXISTS public_summary_reviewed_at, DROP COLUMN IF EXISTS published_title, DROP COLUMN IF EXISTS published_summary;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
