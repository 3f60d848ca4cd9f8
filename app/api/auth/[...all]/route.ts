// GET|POST /api/auth/* – better-auth: sign-in, sign-out, session, two-factor and OIDC callbacks
import { handleAuthRequest } from '@/lib/server/auth/handle-auth-request';

export const dynamic = 'force-dynamic';

export const GET = handleAuthRequest;
export const POST = handleAuthRequest;
