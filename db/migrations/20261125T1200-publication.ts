// Frozen, versioned snapshots of what council, partners and the public were given (DESIGN.md §8).
// A publication is written as a draft with its cells, then set to 'published' in the same transaction;
// from then on it and its cells can be neither changed nor deleted (a correction is a new version with
// a changelog entry); only erasing the whole municipality removes them. Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
CREATE TABLE publication (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code text NOT NULL REFERENCES municipality(code) ON DELETE CASCADE,
  audience text NOT NULL CHECK (audience IN ('public', 'council', 'partner')),
  quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  -- 'district' (areas of kind district) or 'grid' (squares of grid_cell_size_m anchored at the SWEREF 99 TM origin)
  geography text NOT NULL CHECK (geography IN ('district', 'grid')),
  grid_cell_size_m integer CHECK (grid_cell_size_m IS NULL OR grid_cell_size_m > 0),
  version integer NOT NULL CHECK (version > 0),
  k integer NOT NULL CHECK (k >= 3),
  location_rounding_m integer NOT NULL CHECK (location_rounding_m > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL CHECK (length(trim(created_by)) > 0),
  changelog text NOT NULL CHECK (length(trim(changelog)) > 0),
  audit jsonb NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  CONSTRAINT publication_grid_size CHECK ((geography = 'grid') = (grid_cell_size_m IS NOT NULL)),
  UNIQUE (municipality_code, audience, quarter, version)
);
CREATE INDEX publication_audience_idx ON publication (municipality_code, audience, quarter);

CREATE TABLE publication_cell (
  id bigserial PRIMARY KEY,
  publication_id uuid NOT NULL REFERENCES publication(id) ON DELETE CASCADE,
  -- 'district:<area id>', 'grid:<size>:<ix>:<iy>' or 'total' (the whole municipality)
  cell_key text NOT NULL,
  -- No foreign key: a snapshot outlives the area row it was computed from; the name is frozen with it.
  area_id uuid,
  area_name text NOT NULL,
  grid_ix integer,
  grid_iy integer,
  -- a category group, or 'all' for a total over groups
  group_key text NOT NULL CHECK (group_key IN ('violence', 'property', 'damage', 'drugs', 'weapons', 'disorder', 'other', 'all')),
  count integer CHECK (count IS NULL OR count >= 0),
  suppressed boolean NOT NULL,
  -- a total with suppressed parts: the true figure is at least count ("minst X")
  at_least boolean NOT NULL DEFAULT false,
  -- the audit's cell variables this figure sums (its own for a cell; the published cells for a total)
  parts text[] NOT NULL,
  CONSTRAINT publication_cell_suppressed_has_no_count CHECK (suppressed = (count IS NULL)),
  UNIQUE (publication_id, cell_key, group_key)
);

CREATE FUNCTION lagesbild_publication_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'draft' THEN
    RETURN NEW;
  END IF;
  -- Erasing a whole tenant (the municipality row is already gone when its cascade arrives here, e.g.
  -- a demo reset) takes its publications with it; nothing else may delete a published one.
  IF TG_OP = 'DELETE' AND (OLD.status = 'draft' OR NOT EXISTS (SELECT 1 FROM municipality WHERE code = OLD.municipality_code)) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'publication % is frozen: % is not allowed; publish a new version with a changelog entry', OLD.id, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER publication_frozen BEFORE UPDATE OR DELETE ON publication
  FOR EACH ROW EXECUTE FUNCTION lagesbild_publication_frozen();

CREATE FUNCTION lagesbild_publication_cell_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_status text;
BEGIN
  SELECT status INTO parent_status FROM publication
    WHERE id = (CASE WHEN TG_OP = 'INSERT' THEN NEW.publication_id ELSE OLD.publication_id END);
  IF TG_OP = 'INSERT' AND parent_status = 'draft' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND parent_status = 'draft' AND NEW.publication_id = OLD.publication_id THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND (parent_status IS NULL OR parent_status = 'draft') THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'cells of published publication % are frozen: % is not allowed', COALESCE(NEW.publication_id, OLD.publication_id), TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER publication_cell_frozen BEFORE INSERT OR UPDATE OR DELETE ON publication_cell
  FOR EACH ROW EXECUTE FUNCTION lagesbild_publication_cell_frozen();
`;

const DOWN = `
DROP TABLE IF EXISTS publication_cell, publication;
DROP FUNCTION IF EXISTS lagesbild_publication_cell_frozen();
DROP FUNCTION IF EXISTS lagesbild_publication_frozen();
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
