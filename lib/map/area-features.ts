// The area outlines as the browser receives them: WGS84 GeoJSON (RFC 7946) with a label point that
// PostGIS picked inside each polygon (ST_PointOnSurface), so labels never fall outside a district.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { bbox } from '@turf/turf';

export interface AreaProperties {
  id: string;
  kind: string;
  name: string;
  code: string | null;
  labelLon: number;
  labelLat: number;
  /** Area in km² (SWEREF 99 TM): larger areas win label conflicts. */
  areaKm2: number;
}

export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProperties>;
export type AreaFeatureCollection = FeatureCollection<Polygon | MultiPolygon, AreaProperties>;

/** [west, south, east, north] */
export type Bounds = [number, number, number, number];

/** Bounds of the municipality outline, else of every area; null when there is none. */
export function areaBounds(areas: AreaFeatureCollection): Bounds | null {
  const outline = areas.features.filter((f) => f.properties.kind === 'municipality');
  const features = outline.length ? outline : areas.features;
  if (!features.length) return null;
  const [w, s, e, n] = bbox({ type: 'FeatureCollection', features });
  return [w, s, e, n];
}

export function districtLabels(areas: AreaFeatureCollection): AreaProperties[] {
  return areas.features.filter((f) => f.properties.kind === 'district').map((f) => f.properties);
}
