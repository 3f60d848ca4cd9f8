// Named places in Värnamo kommun used by the demo generators. Positions are approximate (WGS84,
// read off a map to ~100 m): good enough for believable clusters, not for navigation.

export interface Place {
  name: string;
  lat: number;
  lon: number;
}

const p = (name: string, lat: number, lon: number): Place => ({ name, lat, lon });

export const PLACES = {
  torget: p('Värnamo torg', 57.1831, 14.0478),
  storgatan: p('Storgatan', 57.1824, 14.0455),
  resecentrum: p('Värnamo resecentrum', 57.1853, 14.0396),
  apladalen: p('Apladalen', 57.1893, 14.0438),
  finnvedsgymnasiet: p('Finnvedsgymnasiet', 57.1892, 14.0532),
  grondalsskolan: p('Gröndalsskolan', 57.1976, 14.0602),
  mosslebergsskolan: p('Mosslebergsskolan', 57.2034, 14.0342),
  margretelundsskolan: p('Margretelundsskolan', 57.1712, 14.0622),
  grondalsCentrum: p('Gröndals centrum', 57.1965, 14.0585),
  mossleberg: p('Mossleberg', 57.2031, 14.0398),
  grondal: p('Gröndal', 57.1987, 14.0633),
  margretelund: p('Margretelund', 57.1721, 14.0609),
  vraen: p('Vråen', 57.1772, 14.0218),
  ostraVarnamo: p('Östra Värnamo', 57.1835, 14.0775),
  hornsborg: p('Hornsborg', 57.1702, 14.0082),
  nordicIndustrialPark: p('Nordic Industrial Park', 57.1612, 14.0152),
  bredaryd: p('Bredaryd', 57.1713, 13.7393),
  forsheda: p('Forsheda', 57.1617, 13.8301),
  rydaholm: p('Rydaholm', 56.9851, 14.2702),
  bor: p('Bor', 57.1151, 14.1702),
  lanna: p('Lanna', 57.2243, 13.9531),
  karda: p('Kärda', 57.1585, 13.9712),
  horda: p('Horda', 57.0362, 14.2541),
} as const satisfies Record<string, Place>;

export type PlaceKey = keyof typeof PLACES;

const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LON_EQUATOR = 111_320;

/** Moves a WGS84 point by (east, north) metres; the local flat-earth error is < 0.1 % over a few km. */
export function offsetMetres(lat: number, lon: number, east: number, north: number): [lon: number, lat: number] {
  return [
    lon + east / (METRES_PER_DEGREE_LON_EQUATOR * Math.cos((lat * Math.PI) / 180)),
    lat + north / METRES_PER_DEGREE_LAT,
  ];
}
