// Unsafe places and vandalism reports as GeoJSON points (WGS84) for the staff map: the reshape step
// between query rows and the browser (ISO dates, no database rows).

export interface PlaceProperties {
  id: string;
  layer: 'unsafe' | 'vandalism';
  /** Symbol key in lib/map/place-symbols.ts. */
  symbol: PlaceSymbol;
  status: string;
  /** Unsafe place: title; vandalism: kind. */
  label: string;
  reportedOn: string;
  offensive?: boolean;
}

export type PlaceSymbol = 'unsafe-open' | 'unsafe-planned' | 'unsafe-fixed' | 'graffiti' | 'graffiti-cleaned' | 'damage' | 'damage-cleaned';

export interface PlaceFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: PlaceProperties }>;
}

export function unsafePlaceSymbol(status: string): PlaceSymbol {
  if (status === 'planned') return 'unsafe-planned';
  if (status === 'fixed' || status === 'rejected') return 'unsafe-fixed';
  return 'unsafe-open';
}

export function vandalismSymbol(kind: string, status: string): PlaceSymbol {
  const base = kind === 'damage' ? 'damage' : 'graffiti';
  return status === 'cleaned' ? `${base}-cleaned` : base;
}

export function unsafePlaceFeatures(
  rows: ReadonlyArray<{ id: string; lon: number; lat: number; title: string; status: string; reported_at: string }>,
): PlaceFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: { id: r.id, layer: 'unsafe', symbol: unsafePlaceSymbol(r.status), status: r.status, label: r.title, reportedOn: r.reported_at },
    })),
  };
}

export function vandalismFeatures(
  rows: ReadonlyArray<{ id: string; lon: number; lat: number; kind: string; status: string; offensive: boolean; reported_at: string }>,
): PlaceFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: {
        id: r.id,
        layer: 'vandalism',
        symbol: vandalismSymbol(r.kind, r.status),
        status: r.status,
        label: r.kind,
        reportedOn: r.reported_at,
        offensive: r.offensive,
      },
    })),
  };
}

/** Counts per symbol, for the summary strip. */
export function countBySymbol(fc: PlaceFeatureCollection): Partial<Record<PlaceSymbol, number>> {
  const out: Partial<Record<PlaceSymbol, number>> = {};
  for (const f of fc.features) out[f.properties.symbol] = (out[f.properties.symbol] ?? 0) + 1;
  return out;
}
