/**
 * `next` when it is a path on this site, else the fallback. Blocks open redirects ("//evil.example",
 * "/\evil.example", absolute URLs) and control characters that would break the Location header.
 */
export function safeLocalPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  return next;
}
