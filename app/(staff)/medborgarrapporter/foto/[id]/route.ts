// GET /medborgarrapporter/foto/:id – a citizen report's photo (re-encoded, metadata removed) for moderators; never public
import { unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser } from '@/lib/server/auth/session';
import { getModerationPhotoForUser } from '@/lib/server/citizen-reports/moderation-for-user';
import { handleRoute } from '../../../../api/_lib/handle-route';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(async () => {
    const user = await getSignedInUser(request.headers);
    if (!user) throw unauthorized();
    const photo = await getModerationPhotoForUser(user, (await params).id);
    return new Response(new Uint8Array(photo.bytes), { headers: { 'content-type': photo.contentType, 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' } });
  });
}
