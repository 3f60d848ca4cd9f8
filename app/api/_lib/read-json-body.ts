import 'server-only';
import { invalidJson, payloadTooLarge, unsupportedMediaType } from '@/lib/server/auth/errors';

/** Default limit for JSON bodies of edit routes: a record's text fields fit many times over. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The request's JSON body, read with a size limit: a declared Content-Length over the limit is refused
 * before reading, and a body streamed without one is cut off as soon as it passes the limit (413).
 */
export async function readJsonBody(request: Request, maxBytes = JSON_BODY_LIMIT_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw unsupportedMediaType();
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) throw payloadTooLarge(maxBytes);
  if (!request.body) throw invalidJson();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidJson();
    return parsed;
  } catch {
    throw invalidJson();
  }
}
