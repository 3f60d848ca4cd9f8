import { POINT_PACK_CONTENT_TYPE } from '@/lib/map/point-pack';

/** The packed points as a response, with their count and whether the server cut them off. */
export function pointPackResponse(pack: { body: Uint8Array; count: number; truncated: boolean }): Response {
  return new Response(new Blob([pack.body as Uint8Array<ArrayBuffer>]), {
    headers: {
      'content-type': POINT_PACK_CONTENT_TYPE,
      'cache-control': 'no-store',
      'x-point-count': String(pack.count),
      'x-truncated': pack.truncated ? '1' : '0',
    },
  });
}
