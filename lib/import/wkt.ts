// Area outlines written as WKT in a CSV column (what QGIS "Save as CSV, GEOMETRY=AS_WKT", PostGIS
// ST_AsText/ST_AsEWKT and SCB's DeSO tables give): POLYGON or MULTIPOLYGON, optionally with an EWKT
// `SRID=3006;` prefix and Z/M ordinates (dropped). Pure; errors say what is wrong in words a person
// fixing the file can act on.

export type WktPolygonal = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export type WktResult = { ok: true; geometry: WktPolygonal; srid: number | null } | { ok: false; message: string };

class WktError extends Error {}

/** Nested lists of numbers: `(( 1 2, 3 4 ), (…))` → [[[1,2],[3,4]], …]. */
function parseNested(text: string, start: number, dims: number): { value: unknown[]; end: number } {
  let i = start;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const list = (): unknown[] => {
    skip();
    if (text[i] !== '(') throw new WktError(`expected "(" at character ${i + 1}`);
    i++;
    skip();
    const items: unknown[] = [];
    if (text[i] === '(') {
      for (;;) {
        items.push(list());
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ')') {
          i++;
          return items;
        }
        throw new WktError(text[i] === undefined ? 'a ")" is missing at the end' : `expected "," or ")" at character ${i + 1}`);
      }
    }
    // A list of positions: numbers separated by spaces, positions by commas.
    for (;;) {
      skip();
      const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i, i + 64));
      const numbers: number[] = [];
      let m2 = m;
      while (m2) {
        numbers.push(Number(m2[0]));
        i += m2[0].length;
        skip();
        m2 = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i, i + 64));
      }
      if (numbers.length < 2) throw new WktError(`a position needs two numbers (x y) at character ${i + 1}${text[i] === ',' ? ' (WKT uses "." for decimals, "," between positions)' : ''}`);
      if (numbers.length > dims) throw new WktError(`a position has ${numbers.length} numbers at character ${i + 1}; expected ${dims} (WKT uses "." for decimals, "," between positions)`);
      items.push([numbers[0], numbers[1]]);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ')') {
        i++;
        return items;
      }
      throw new WktError(text[i] === undefined ? 'a ")" is missing at the end' : `unexpected "${text[i]}" at character ${i + 1}`);
    }
  };
  const value = list();
  return { value, end: i };
}

function checkRings(polygon: number[][][], where: string): void {
  if (polygon.length === 0) throw new WktError(`${where} has no ring`);
  polygon.forEach((ring, k) => {
    const name = k === 0 ? `${where}'s outer ring` : `${where}'s hole ${k}`;
    if (ring.length < 4) throw new WktError(`${name} has ${ring.length} positions; a ring needs at least 4 (the first repeated last)`);
    const [a, b] = [ring[0], ring[ring.length - 1]];
    if (a[0] !== b[0] || a[1] !== b[1]) throw new WktError(`${name} is not closed: its last position must repeat the first (${a[0]} ${a[1]})`);
  });
}

/** Parses a POLYGON or MULTIPOLYGON (EWKT prefix and Z/M allowed). */
export function parseWktPolygonal(input: string): WktResult {
  let text = input.trim();
  let srid: number | null = null;
  const ewkt = /^SRID=(\d+);/i.exec(text);
  if (ewkt) {
    srid = Number(ewkt[1]);
    text = text.slice(ewkt[0].length).trim();
  }
  const head = /^([A-Za-z]+)\s*(ZM|Z|M)?\s*/.exec(text);
  if (!head) return { ok: false, message: 'not WKT: expected POLYGON((x y, …)) or MULTIPOLYGON(((x y, …)))' };
  const type = head[1].toUpperCase();
  if (type !== 'POLYGON' && type !== 'MULTIPOLYGON') return { ok: false, message: `${type} is not an outline: give a POLYGON or MULTIPOLYGON` };
  const rest = text.slice(head[0].length);
  if (/^EMPTY$/i.test(rest.trim())) return { ok: false, message: `${type} EMPTY has no outline` };
  const dims = head[2] === 'ZM' ? 4 : head[2] ? 3 : 4;
  try {
    const { value, end } = parseNested(rest, 0, dims);
    if (rest.slice(end).trim() !== '') throw new WktError(`unexpected text after the geometry: "${rest.slice(end).trim().slice(0, 20)}"`);
    if (type === 'POLYGON') {
      const polygon = value as number[][][];
      if (!Array.isArray(polygon[0]?.[0])) throw new WktError('a POLYGON is a list of rings: POLYGON((x y, x y, …))');
      checkRings(polygon, 'the polygon');
      return { ok: true, geometry: { type: 'Polygon', coordinates: polygon }, srid };
    }
    const multi = value as number[][][][];
    if (!Array.isArray(multi[0]?.[0]?.[0])) throw new WktError('a MULTIPOLYGON is a list of polygons: MULTIPOLYGON(((x y, …)), ((x y, …)))');
    multi.forEach((p, k) => checkRings(p, `polygon ${k + 1}`));
    return { ok: true, geometry: { type: 'MultiPolygon', coordinates: multi }, srid };
  } catch (err) {
    if (err instanceof WktError) return { ok: false, message: `${type}: ${err.message}` };
    throw err;
  }
}
