import 'server-only';
// The error class public routes may need to recognise, re-exported because public code reaches lib/server
// only through lib/server/public.
export { HttpError } from '../auth/errors';
