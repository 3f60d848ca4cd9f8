import 'server-only';

/** An error a route answers with its own status (the wrapper in app/api/_lib/handle-route.ts maps it). */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 415 | 429,
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
/** A request body larger than the route accepts (checked before it is read in full). */
export const payloadTooLarge = (maxBytes: number) => new HttpError(413, 'payload_too_large', `The request body must be at most ${maxBytes} bytes.`);
/** A body that is not the JSON the route expects. */
export const invalidJson = () => new HttpError(400, 'invalid_json', 'The request body must be a JSON object.');
export const unsupportedMediaType = () => new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
