// POST /api/v1/selection/export – exactly the lasso's records as CSV or GeoJSON (audited export)
import { SELECTION_BODY_LIMIT_BYTES, selectionExportRequestSchema } from '@/lib/schemas/selection';
import { exportSelection } from '@/lib/server/selection/export-selection';
import { errorResponse, handleRoute } from '../../../_lib/handle-route';
import { readJsonBody } from '../../../_lib/read-json-body';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const body = selectionExportRequestSchema.parse(await readJsonBody(request, SELECTION_BODY_LIMIT_BYTES));
    const out = await exportSelection(body);
    if (out.status === 'too_large') return errorResponse(413, 'selection_too_large', `The selection holds more than ${out.limit} records: draw a smaller polygon or narrow the filter.`);
    return new Response(out.body, {
      headers: {
        'content-type': out.contentType,
        'content-disposition': `attachment; filename="${out.filename}"`,
        'cache-control': 'no-store',
        'x-record-count': String(out.count),
      },
    });
  });
}
