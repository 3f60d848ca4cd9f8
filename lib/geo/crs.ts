import proj4 from 'proj4';

// SWEREF 99 TM (EPSG:3006): UTM zone 33 on GRS80; SWEREF 99 equals WGS84 at the metre level, hence null towgs84.
export const EPSG_3006_PROJ = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

const toSweref = proj4('EPSG:4326', EPSG_3006_PROJ);

/** Projects WGS84 lon/lat (EPSG:4326, degrees) to SWEREF 99 TM (EPSG:3006, metres) as [x (east), y (north)]. */
export function projectWgs84ToSweref99tm(lon: number, lat: number): [number, number] {
  const [x, y] = toSweref.forward([lon, lat]);
  return [x, y];
}

/** Inverse of projectWgs84ToSweref99tm: EPSG:3006 metres to [lon, lat] degrees. */
export function projectSweref99tmToWgs84(x: number, y: number): [number, number] {
  const [lon, lat] = toSweref.inverse([x, y]);
  return [lon, lat];
}
