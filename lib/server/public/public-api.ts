import 'server-only';
// The public API's answers (DESIGN.md §9: /api/public/…). Each is a slice of what the home page shows,
// built by getPublicHome from published snapshots and moderated public fields only. The routes take no
// parameter at all: no polygon, bbox, time range or filter of the caller's own can become a count.
import { z } from 'zod';
import { getPublicHome } from './get-public-home';

const noParameters = z.object({}).strict();

/** Throws a ZodError (→ 400) when the request carries any query parameter. */
export function assertNoQueryParameters(url: URL): void {
  noParameters.parse(Object.fromEntries(url.searchParams.entries()));
}

const NO_STORE = { 'cache-control': 'no-store' } as const;

export async function getPublicPledgesResponse(): Promise<Response> {
  const home = await getPublicHome();
  return Response.json(
    {
      municipality: home.municipality,
      year: home.year,
      focusAreas: {
        type: 'FeatureCollection',
        features: home.focusAreas.map((f) => ({
          type: 'Feature',
          id: f.id,
          geometry: f.geometry,
          properties: { id: f.id, name: f.name, publicSummary: f.publicSummary, periodFrom: f.periodFrom, periodTo: f.periodTo, pledgeIds: f.pledgeIds, activityIds: f.activityIds },
        })),
      },
      pledges: home.pledges,
      activities: home.activities,
    },
    { headers: NO_STORE },
  );
}

export async function getPublicFiguresResponse(): Promise<Response> {
  const home = await getPublicHome();
  return Response.json(
    {
      municipality: home.municipality,
      quarters: home.quarters,
      focusAreaTrends: home.focusAreas.map((f) => ({ id: f.id, name: f.name, trend: f.trend })),
      surveys: home.surveys,
    },
    { headers: NO_STORE },
  );
}

export async function getPublicReportPinsResponse(): Promise<Response> {
  const home = await getPublicHome();
  return Response.json(
    {
      type: 'FeatureCollection',
      features: home.reportPins.map((p) => ({
        type: 'Feature',
        id: p.pin,
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { category: p.category, publicSummary: p.publicSummary, status: p.status, statusChangedOn: p.statusChangedOn },
      })),
    },
    { headers: NO_STORE },
  );
}
