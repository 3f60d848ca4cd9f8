import 'server-only';
// The link a reporter follows their report with. The token is 144 random bits (base64url, 24
// characters): unguessable, and only its SHA-256 is stored, so a copy of the database cannot be used to
// follow anyone's report.
import crypto from 'node:crypto';

export const STATUS_TOKEN_BYTES = 18;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{24}$/;

export function createStatusToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(STATUS_TOKEN_BYTES).toString('base64url');
  return { token, hash: hashStatusToken(token) };
}

export function hashStatusToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string has the token's shape (anything else is not looked up at all). */
export function isStatusTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** The path of the status page for a token. */
export function statusPath(token: string): string {
  return `/rapportstatus/${token}`;
}
