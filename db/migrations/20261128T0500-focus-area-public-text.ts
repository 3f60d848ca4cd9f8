// A focus area's name and public summary reach the public page too (DESIGN §2: the public sees focus
// areas), so they pass the same moderation step as pledges and activities (20261128T0400): the public
// reads the last approved copy (published_name, published_summary), or the area is not shown. A
// trigger takes the copy when the row turns approved and turns an approved row back to "waiting for
// review" when its name or public summary changes (the copy stays). Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
ALTER TABLE focus_area ADD COLUMN public_summary_approved boolean NOT NULL DEFAULT false;
ALTER TABLE focus_area ADD COLUMN public_summary_reviewed_by text;
ALTER TABLE focus_area ADD COLUMN public_summary_reviewed_at timestamptz;
ALTER TABLE focus_area ADD COLUMN published_name text;
ALTER TABLE focus_area ADD COLUMN published_summary text;

CREATE FUNCTION lagesbild_focus_area_public_text_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.public_summary_approved AND NEW.public_summary_approved
     AND (NEW.name, NEW.public_summary) IS DISTINCT FROM (OLD.name, OLD.public_summary) THEN
    NEW.public_summary_approved := false;
    NEW.public_summary_reviewed_by := NULL;
    NEW.public_summary_reviewed_at := NULL;
  END IF;
  IF NEW.public_summary_approved AND (TG_OP = 'INSERT' OR NOT OLD.public_summary_approved) THEN
    NEW.published_name := NEW.name;
    NEW.published_summary := NEW.public_summary;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER focus_area_public_text_copy BEFORE INSERT OR UPDATE ON focus_area
  FOR EACH ROW EXECUTE FUNCTION lagesbild_focus_area_public_text_copy();

-- Focus areas were public before this step existed: they count as approved at the migration.
UPDATE focus_area SET public_summary_approved = true, public_summary_reviewed_by = 'system:migration', public_summary_reviewed_at = now();
`;

const DOWN = `
DROP TRIGGER IF EXISTS focus_area_public_text_copy ON focus_area;
DROP FUNCTION IF EXISTS lagesbild_focus_area_public_text_copy();
ALTER TABLE focus_area DROP COLUMN IF EXISTS public_summary_approved, DROP COLUMN IF EXISTS public_summary_reviewed_by,
  DROP COLUMN IF EXISTS public_summary_reviewed_at, DROP COLUMN IF EXISTS published_name, DROP COLUMN IF EXISTS published_summary;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
