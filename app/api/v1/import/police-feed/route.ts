// POST /api/v1/import/police-feed – the police events feed (multipart: file, dry_run, format, municipality); all rows or none
import { ZodError } from 'zod';
import { policeFeedImportOptionsSchema } from '@/lib/schemas/police-feed';
import { importPoliceFeedForRequest, requirePoliceFeedImporter } from '@/lib/server/police-feed/import-police-feed-for-request';
import { ImportTooLargeError, importMaxBytes } from '@/lib/server/import/run-import';
import { errorResponse, handleRoute } from '../../../_lib/handle-route';

export const dynamic = 'force-dynamic';

const tooLarge = (bytes: number, limit: number) => errorResponse(413, 'payload_too_large', new ImportTooLargeError(bytes, limit).message);

export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const user = await requirePoliceFeedImporter();
    const limit = importMaxBytes();
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > limit + 64 * 1024) return tooLarge(declared, limit);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ZodError([{ code: 'custom', path: ['file'], message: 'send the file as multipart/form-data with a field named file', input: undefined }]);
    }
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      throw new ZodError([{ code: 'custom', path: ['file'], message: 'choose a police events file (JSON or CSV) to import', input: undefined }]);
    }
    const fields = Object.fromEntries([...form.entries()].filter(([k, v]) => k !== 'file' && typeof v === 'string' && v !== ''));
    const options = policeFeedImportOptionsSchema.parse(fields);
    try {
      const result = await importPoliceFeedForRequest(user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, options);
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
