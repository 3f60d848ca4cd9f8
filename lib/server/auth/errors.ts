import 'server-only';

/** An error a route answers with its own status (the wrapper in app/api/_lib/handle-route.ts maps it). */
export class HttpError extends Error {
  constructor(
    readonly status: 401 | 403 | 404 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthorized = () => new HttpError(401, 'unauthorized', 'Sign in first.');
export const forbidden = () => new HttpError(403, 'forbidden', 'Your roles do not allow this.');
/** A record the viewer may not see is "not found", never "forbidden": its existence is not revealed. */
export const notFound = (what = 'The record') => new HttpError(404, 'not_found', `${what} was not found.`);
