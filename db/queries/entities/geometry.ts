// GeoJSON in and out of PostGIS. Input is validated WGS84 GeoJSON (lib/schemas/common); bbox is dropped
// because PostGIS does not need it and it could disagree with the coordinates.
import { type RawBuilder, sql } from 'kysely';
import type { MultiPolygon, Point, Polygonal } from '@/lib/schemas/common';

function toGeoJsonText(g: Point | Polygonal): string {
  return JSON.stringify({ type: g.type, coordinates: g.coordinates });
}

export function pointFromGeoJson(g: Point): RawBuilder<unknown> {
  return sql`ST_SetSRID(ST_GeomFromGeoJSON(${toGeoJsonText(g)}), 4326)`;
}

/** Polygon or MultiPolygon, stored as MultiPolygon. */
export function multiPolygonFromGeoJson(g: Polygonal): RawBuilder<unknown> {
  return sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${toGeoJsonText(g)}), 4326))`;
}

/** The row's `geom` as GeoJSON (9 decimals, about 0.1 mm). */
export function selectPointGeoJson(): RawBuilder<Point> {
  return sql<Point>`ST_AsGeoJSON(geom)::json`;
}

/** Exterior rings counter-clockwise, as RFC 7946 asks of producers. */
export function selectMultiPolygonGeoJson(): RawBuilder<MultiPolygon> {
  return sql<MultiPolygon>`ST_AsGeoJSON(ST_ForcePolygonCCW(geom))::json`;
}
