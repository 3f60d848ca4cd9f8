// Runs in the browser before the app's own code. zod probes `Function("")` to decide whether to
// compile its parsers; the Content-Security-Policy forbids eval (lib/http/security-headers.ts), so the
// probe would be blocked and reported on every page. Jitless parsing is what the browser gets anyway.
import { z } from 'zod';

z.config({ jitless: true });
