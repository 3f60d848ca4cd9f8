// GET /api/v1/import – the kinds the user may import and their documented columns
// POST /api/v1/import – one import (multipart: file, kind, crs, visibility, area_kind, dry_run); all rows or none
import { ZodError } from 'zod';
import { importOptionsSchema } from '@/lib/schemas/import';
import { getImportSpecForRequest, importForRequest } from '@/lib/server/import/import-for-request';
import { ImportTooLargeError, importMaxBytes } from '@/lib/server/import/run-import';
import { errorResponse, handleRoute } from '../../_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  return handleRoute(async () => Response.json(await getImportSpecForRequest(), { headers: { 'cache-control': 'no-store' } }));
}

const tooLarge = (bytes: number, limit: number) => errorResponse(413, 'payload_too_large', new ImportTooLargeError(bytes, limit).message);

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const limit = importMaxBytes();
    const declared = Number(request.headers.get('content-length') ?? 0);
    // The multipart envelope adds a little to the file: refuse early only what cannot fit.
    if (declared > limit + 64 * 1024) return tooLarge(declared, limit);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ZodError([{ code: 'custom', path: ['file'], message: 'send the file as multipart/form-data with a field named file', input: undefined }]);
    }
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      throw new ZodError([{ code: 'custom', path: ['file'], message: 'choose a file (CSV or GeoJSON) to import', input: undefined }]);
    }
    const fields = Object.fromEntries([...form.entries()].filter(([k, v]) => k !== 'file' && typeof v === 'string' && v !== ''));
    const options = importOptionsSchema.parse(fields);
    try {
      const result = await importForRequest({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, options);
      if (result.errorCount > 0) {
        return Response.json(
          {
            error: {
              code: 'invalid_rows',
              message: `${result.errorCount} rows are invalid; nothing was imported.`,
              issues: result.errors.map((e) => ({ path: [e.row, e.column ?? ''], code: 'invalid_row', message: e.message })),
            },
            result,
          },
          { status: 422, headers: { 'cache-control': 'no-store' } },
        );
      }
      return Response.json({ result }, { headers: { 'cache-control': 'no-store' } });
    } catch (err) {
      if (err instanceof ImportTooLargeError) return tooLarge(err.bytes, err.limit);
      throw err;
    }
  });
}
