// The demo municipality's outline and its districts. The outline is the real (simplified) one;
// districts are approximate shapes around the real places, clipped to the outline and to each other
// in a fixed order, plus the rural remainder, so that they tile the municipality without overlap.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import boundaryFeature from './varnamo-boundary.json';
import { PLACES, type Place } from './places';

export interface DemoDistrict {
  /** Stable code, 0683-01 …, used by the public district geography. */
  code: string;
  name: string;
  geometry: MultiPolygon;
}

export const VARNAMO_BOUNDARY = boundaryFeature.geometry as Polygon;

type Shape = Feature<Polygon | MultiPolygon>;

/** Axis-aligned box in degrees: [west, south, east, north]. */
const box = (west: number, south: number, east: number, north: number): Shape =>
  turf.bboxPolygon([west, south, east, north]);

const around = (place: Place, radiusKm: number): Shape =>
  turf.circle([place.lon, place.lat], radiusKm, { steps: 32, units: 'kilometers' });

const unionOf = (...shapes: Shape[]): Shape => {
  const u = turf.union(turf.featureCollection(shapes));
  if (!u) throw new Error('empty union');
  return u;
};

// Earlier entries win where shapes overlap. Town parts are boxes around the real neighbourhoods.
const DISTRICT_SHAPES: ReadonlyArray<{ name: string; shape: Shape }> = [
  { name: 'Värnamo centrum', shape: box(14.03, 57.177, 14.062, 57.191) },
  { name: 'Mossleberg och Gröndal', shape: box(14.0, 57.191, 14.095, 57.222) },
  { name: 'Margretelund och östra Värnamo', shape: box(14.03, 57.153, 14.1, 57.191) },
  { name: 'Hornsborg och västra Värnamo', shape: box(13.992, 57.15, 14.03, 57.191) },
  { name: 'Bredaryd', shape: around(PLACES.bredaryd, 3) },
  { name: 'Forsheda', shape: around(PLACES.forsheda, 3) },
  { name: 'Rydaholm', shape: around(PLACES.rydaholm, 3) },
  { name: 'Bor', shape: around(PLACES.bor, 2.5) },
  { name: 'Lanna och Kärda', shape: unionOf(around(PLACES.lanna, 2.5), around(PLACES.karda, 2.5)) },
  { name: 'Horda', shape: around(PLACES.horda, 2) },
];

export const REST_DISTRICT_NAME = 'Övriga Värnamo kommun';

function toMulti(shape: Shape): MultiPolygon {
  const g = shape.geometry;
  return g.type === 'MultiPolygon' ? g : { type: 'MultiPolygon', coordinates: [g.coordinates] };
}

/** The districts in a fixed order; pure and deterministic (no randomness involved). */
export function buildDemoDistricts(): DemoDistrict[] {
  const boundary: Shape = turf.feature(VARNAMO_BOUNDARY);
  const out: DemoDistrict[] = [];
  let taken: Shape | null = null;
  for (const { name, shape } of DISTRICT_SHAPES) {
    let part: Shape | null = turf.intersect(turf.featureCollection([boundary, shape]));
    if (part && taken) part = turf.difference(turf.featureCollection([part, taken]));
    if (!part) throw new Error(`District ${name} lies outside the municipality`);
    out.push({ code: '', name, geometry: toMulti(part) });
    taken = taken ? unionOf(taken, part) : part;
  }
  const rest = taken ? turf.difference(turf.featureCollection([boundary, taken])) : boundary;
  if (!rest) throw new Error('The districts cover the whole municipality: no rural remainder');
  out.push({ code: '', name: REST_DISTRICT_NAME, geometry: toMulti(rest) });
  return out.map((d, i) => ({ ...d, code: `0683-${String(i + 1).padStart(2, '0')}` }));
}
