// Runs before every page and route (not static files): the per-request CSP nonce (Next adds it to its
// own scripts when it finds the policy on the request), HSTS behind TLS, no-store on everything that
// is not public, a size limit on declared request bodies, and no undeclared (chunked) ones. Policies: lib/http/security-headers.ts.
import { type NextRequest, NextResponse } from 'next/server';
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, isServedOverTls, maxBodyBytes, securityHeaders } from './lib/http/security-headers';

function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const tls = isServedOverTls({ protocol: request.nextUrl.protocol, forwardedProto: request.headers.get('x-forwarded-proto') }, process.env);
  const headers = securityHeaders({ pathname, tls });

  // A body without a declared length (chunked) cannot be sized before it is read: browsers and our
  // clients always declare it, so such a request is refused rather than read up to the framework's cap.
  if (request.headers.has('transfer-encoding') && !request.headers.has('content-length')) {
    return NextResponse.json(
      { error: { code: 'length_required', message: 'The request body must declare its length (Content-Length).' } },
      { status: 411, headers: { ...headers, connection: 'close' } },
    );
  }
  const declared = Number(request.headers.get('content-length') ?? '');
  const limit = maxBodyBytes(pathname, process.env);
  if (Number.isFinite(declared) && declared > limit) {
    return NextResponse.json(
      { error: { code: 'payload_too_large', message: `The request body must be at most ${limit} bytes.` } },
      { status: 413, headers: { ...headers, connection: 'close' } },
    );
  }

  if (pathname.startsWith('/api/')) {
    // Data, never a document: no nonce to hand on (the request goes on unchanged), and the strictest
    // policy should a response ever be opened as a page. Saves the nonce and a copy of the request's
    // headers on every map request.
    const response = NextResponse.next();
    response.headers.set('content-security-policy', API_CONTENT_SECURITY_POLICY);
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
    return response;
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, env: process.env, tls });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export const config = {
  // Static build output and public files are neither personal nor HTML: next.config.ts gives them the
  // headers every response carries.
  matcher: [{ source: '/((?!_next/static|_next/image|maplibre-gl-worker\\.mjs|icon\\.svg|favicon\\.ico).*)' }],
};
