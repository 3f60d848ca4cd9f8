// The distinct-location rule counts places, not records: five incidents at one address are one
// location. Coordinates are SWEREF 99 TM (EPSG:3006, metres).

/**
 * Rounding for "distinct location", in metres. Easting and northing are each rounded to the nearest
 * multiple of 10 m: repeated geocodes of one address (the same entrance, a few metres' jitter between
 * sources) fall together, while neighbouring houses (typically 15–30 m apart) stay apart. The SQL in
 * db/queries/disclosure uses the same rule: round(x / 10) * 10. Rounding to a fixed lattice (not
 * clustering) keeps the rule the same in SQL and here; two geocodes of one door that straddle a
 * rounding line count as two places, which is why k distinct locations is demanded on top of k incidents
 * and the audit still bounds every suppressed cell.
 */
export const LOCATION_ROUNDING_M = 10;

/**
 * Key of the rounded location of a point in SWEREF 99 TM: `${round(x/r)·r}:${round(y/r)·r}` with
 * r = LOCATION_ROUNDING_M (round half away from zero, as PostgreSQL's round(numeric)).
 */
export function getLocationKey(x: number, y: number, roundingM: number = LOCATION_ROUNDING_M): string {
  const r = (v: number) => Math.sign(v) * Math.round(Math.abs(v) / roundingM) * roundingM;
  return `${r(x)}:${r(y)}`;
}

/** Number of distinct rounded locations among points [x, y] in SWEREF 99 TM. */
export function countDistinctLocations(points: readonly (readonly [number, number])[], roundingM: number = LOCATION_ROUNDING_M): number {
  return new Set(points.map(([x, y]) => getLocationKey(x, y, roundingM))).size;
}
