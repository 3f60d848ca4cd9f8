// A saved analysis run is evidence for the group's decisions: its parameters, id hash and result must
// never change or disappear. The first schema rejected UPDATE only; this rejects DELETE as well, except
// when the whole tenant is being erased (the municipality row is already gone when its cascade arrives,
// as for the frozen publications). Imports nothing from the app.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER analysis_run_immutable ON analysis_run`.execute(db);
  await sql`
CREATE FUNCTION lagesbild_analysis_run_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM municipality WHERE code = OLD.municipality_code) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'analysis_run % is immutable: % is not allowed; save a new run instead', OLD.id, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$`.execute(db);
  await sql`CREATE TRIGGER analysis_run_immutable BEFORE UPDATE OR DELETE ON analysis_run
  FOR EACH ROW EXECUTE FUNCTION lagesbild_analysis_run_frozen()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER analysis_run_immutable ON analysis_run`.execute(db);
  await sql`DROP FUNCTION lagesbild_analysis_run_frozen()`.execute(db);
  await sql`CREATE TRIGGER analysis_run_immutable BEFORE UPDATE ON analysis_run
  FOR EACH ROW EXECUTE FUNCTION lagesbild_reject_change()`.execute(db);
}
