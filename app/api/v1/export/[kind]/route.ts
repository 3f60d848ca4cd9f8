// GET /api/v1/export/[kind] – the records of the map's filters (URL) as CSV or GeoJSON; exact access only, audited
import { z } from 'zod';
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { exportFiltersForRequest } from '@/lib/server/export/export-for-request';
import { EXPORT_KINDS } from '@/lib/server/export/export-records';
import { EXPORT_FORMATS } from '@/lib/server/export/format-export';
import { handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

const kindSchema = z.enum(EXPORT_KINDS, { error: `kind must be one of ${EXPORT_KINDS.join(', ')}` });
const formatSchema = z.enum(EXPORT_FORMATS, { error: 'format must be csv or geojson' }).default('csv');

export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }): Promise<Response> {
  return handleRoute(async () => {
    const kind = kindSchema.parse((await params).kind);
    const search = new URL(request.url).searchParams;
    const format = formatSchema.parse(search.get('format') ?? undefined);
    const filters = filtersSchema.parse(filtersInputFrom(search));
    const out = await exportFiltersForRequest(kind, filters, format);
    return new Response(out.body, {
      headers: {
        'content-type': out.contentType,
        'content-disposition': `attachment; filename="${out.fileName}"`,
        'cache-control': 'no-store',
        'x-record-count': String(out.count),
      },
    });
  });
}
