import { POINT_PACK_CONTENT_TYPE, POINT_PACK_ENCODING_HEADER } from '@/lib/map/point-pack';
import { MIN_COMPRESS_BYTES, gzipPack } from '@/lib/server/situation/pack-cache-read';

/** Whether an Accept-Encoding header accepts gzip (a q=0 entry refuses it). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  return (acceptEncoding ?? '')
    .toLowerCase()
    .split(',')
    .some((part) => {
      const [name, ...params] = part.trim().split(';');
      if (name.trim() !== 'gzip' && name.trim() !== '*') return false;
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return q === undefined || Number(q) > 0;
    });
}

/**
 * The packed points as a response, with their count and whether the server cut them off. A pack is
 * gzipped here and says so in x-pack-encoding, not Content-Encoding: Next's route handlers drop a
 * Content-Encoding they did not set, and `next start` compresses only types it knows to be
 * compressible (application/octet-stream is not). The browser inflates it with DecompressionStream
 * (lib/map/point-pack.ts decodePointPack).
 */
export async function pointPackResponse(request: Request, pack: { body: Uint8Array; gzipped?: Uint8Array | null; count: number; truncated: boolean }): Promise<Response> {
  const compress = pack.body.length >= MIN_COMPRESS_BYTES && acceptsGzip(request.headers.get('accept-encoding'));
  // A cached pack comes gzipped already.
  const body = compress ? (pack.gzipped ?? (await gzipPack(pack.body))) : pack.body;
  // The bytes as the body (a Blob would be read back through a web stream on every request).
  return new Response(body as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': POINT_PACK_CONTENT_TYPE,
      'cache-control': 'no-store',
      vary: 'accept-encoding',
      ...(compress ? { [POINT_PACK_ENCODING_HEADER]: 'gzip' } : {}),
      'x-point-count': String(pack.count),
      'x-truncated': pack.truncated ? '1' : '0',
    },
  });
}
