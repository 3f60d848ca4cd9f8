// GET /api/v1/admin/audit/export – the audit log as CSV for administrators (filters as in /admin/logg)
import { auditQuerySchema } from '@/lib/schemas/auth';
import { exportAuditCsvForRequest } from '@/lib/server/auth/admin-export';
import { handleRoute } from '../../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const query = auditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const csv = await exportAuditCsvForRequest(request.headers, query);
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="lagesbild-logg.csv"',
        'cache-control': 'no-store',
      },
    });
  });
}
