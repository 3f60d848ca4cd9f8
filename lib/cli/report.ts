// `lagesbild report --quarter 2026-Q3 --out report.pdf` prints the quarterly report page (/rapport) to
// an A4 PDF with Debian's Chromium: the same page and print CSS as "Save as PDF" in a browser. Two ways:
// - `--as USER` (the operator's way): the command mints a short-lived session for USER in the database
//   (lib/server/auth/report-session.ts: audited, at most 10 minutes, deleted afterwards) and, without
//   --url, starts the app itself on a free local port for the run; with --url it prints from that app,
//   which must share the database (DATABASE_URL). No password, no second factor is weakened for people.
// - `--user EMAIL` with LAGESBILD_REPORT_PASSWORD: signs in to a running app like a person (a user
//   without a second factor, e.g. a council member).
// Either way the page shows only what that user may see.
// Exit codes: 0 written, 1 failed (app unreachable, sign-in refused …), 2 wrong arguments.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { z } from 'zod';
import { UsageError } from '@/lib/schemas/cli-usage-error';

export const REPORT_USAGE = `Usage: lagesbild report --quarter YYYY-Qn --out FILE.pdf (--as EMAIL | --user EMAIL) [--url URL]

Prints the council's quarterly report to an A4 PDF with Chromium.

  --quarter YYYY-Qn   a closed quarter, e.g. 2026-Q3
  --out FILE          where to write the PDF
  --as EMAIL          render as this council, police or municipality user with a short-lived session the
                      command mints in the database (audited as a CLI action, deleted afterwards); without
                      --url the command starts the app itself on a free local port for the run
  --user EMAIL        sign in to a running app with this user's password instead (default LAGESBILD_REPORT_USER);
                      the password is read from LAGESBILD_REPORT_PASSWORD; users with a second factor cannot
  --url URL           the running app (default LAGESBILD_URL; for --user: http://127.0.0.1:3000). With --as
                      the app must use the same database as the command (DATABASE_URL)
  --chromium PATH     the browser (default /usr/bin/chromium, or LAGESBILD_CHROMIUM)`;

const reportArgsSchema = z
  .object({
    quarter: z.string({ error: '--quarter is required' }).regex(/^\d{4}-Q[1-4]$/, { error: '--quarter must look like 2026-Q3' }),
    out: z.string({ error: '--out is required' }).trim().min(1, { error: '--out needs a file name' }),
    url: z.url({ protocol: /^https?$/, error: '--url must be an http(s) URL' }).optional(),
    user: z.email({ error: '--user must be an e-mail address' }).optional(),
    as: z.email({ error: '--as must be an e-mail address' }).optional(),
    chromium: z.string().default(process.env.LAGESBILD_CHROMIUM || '/usr/bin/chromium'),
  })
  .strict();

export interface ReportIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface ReportPdfResult {
  path: string;
  bytes: number;
}

export type ReportCredentials = { kind: 'password'; email: string; password: string } | { kind: 'cookie'; email: string; name: string; value: string };

/** Signs in (or sets the minted session cookie), opens /rapport?quarter=…, waits for the charts, prints A4 with page numbers. */
export async function printQuarterlyReport(o: { url: string; quarter: string; out: string; credentials: ReportCredentials; chromium: string }): Promise<ReportPdfResult> {
  const { chromium } = await import('playwright-core');
  const base = o.url.replace(/\/$/, '');
  const email = o.credentials.email;
  const browser = await chromium.launch({ executablePath: o.chromium, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ baseURL: base, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    if (o.credentials.kind === 'cookie') {
      await context.addCookies([{ name: o.credentials.name, value: o.credentials.value, url: base, httpOnly: true, sameSite: 'Lax', secure: base.startsWith('https://') }]);
    } else {
      const signIn = await context.request.post('/api/auth/sign-in/email', { data: { email, password: o.credentials.password }, headers: { origin: base } });
      if (signIn.status() !== 200) throw new Error(`sign-in as ${email} was refused (HTTP ${signIn.status()}): check the user and LAGESBILD_REPORT_PASSWORD`);
      const body = (await signIn.json().catch(() => ({}))) as { twoFactorRedirect?: boolean };
      if (body.twoFactorRedirect) throw new Error(`${email} signs in with a second factor: use --as ${email} (a session minted by this command), or print from the browser`);
    }
    const page = await context.newPage();
    const res = await page.goto(`/rapport?quarter=${encodeURIComponent(o.quarter)}`, { waitUntil: 'networkidle', timeout: 180_000 });
    if (!res || res.status() !== 200) throw new Error(`the report page answered HTTP ${res?.status() ?? 'nothing'}`);
    if (page.url().includes('/logga-in')) throw new Error(`${email} is not signed in on the report page`);
    const report = page.locator('[data-testid="quarterly-report"]');
    if ((await report.count()) === 0) throw new Error(`${email} may not read the council report (no report on the page)`);
    if ((await report.getAttribute('data-quarter')) !== o.quarter) {
      const why = (await page.locator('[data-testid="quarter-error"]').textContent().catch(() => null)) ?? '';
      throw new Error(`the report for ${o.quarter} is not available: ${why.trim() || 'the page showed another quarter'}`);
    }
    // Charts draw in the browser: wait until every chart holder has its SVG.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-chart-ready]')].every((el) => el.querySelector('svg')), undefined, { timeout: 60_000 });
    await page.emulateMedia({ media: 'print' });
    fs.mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
    const pdf = await page.pdf({
      path: o.out,
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#333">Kvartalsrapport ${o.quarter} · sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>`,
    });
    return { path: path.resolve(o.out), bytes: pdf.length };
  } finally {
    await browser.close();
  }
}

export async function runReportCommand(argv: string[], io: ReportIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${REPORT_USAGE}\n`);
    return 0;
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { quarter: { type: 'string' }, out: { type: 'string' }, url: { type: 'string' }, user: { type: 'string' }, as: { type: 'string' }, chromium: { type: 'string' } },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const parsed = reportArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const args = parsed.data;
  if (!fs.existsSync(args.chromium)) throw new Error(`Chromium not found at ${args.chromium}: install Debian's chromium or pass --chromium`);
  if (args.as) {
    if (args.user) throw new UsageError('--as and --user exclude each other');
    const result = await printAsOperator({ as: args.as, quarter: args.quarter, out: args.out, url: args.url ?? process.env.LAGESBILD_URL ?? null, chromium: args.chromium }, io);
    io.stdout(`Wrote ${result.path} (${result.bytes} bytes) for ${args.quarter} as ${args.as}\n`);
    return 0;
  }
  const email = args.user ?? process.env.LAGESBILD_REPORT_USER;
  const password = process.env.LAGESBILD_REPORT_PASSWORD;
  if (!email) throw new UsageError('--as EMAIL, or --user (or LAGESBILD_REPORT_USER) with LAGESBILD_REPORT_PASSWORD, is required');
  if (!password) throw new UsageError('LAGESBILD_REPORT_PASSWORD must hold the user\'s password (or use --as EMAIL)');
  const url = args.url ?? process.env.LAGESBILD_URL ?? 'http://127.0.0.1:3000';
  const result = await printQuarterlyReport({ url, quarter: args.quarter, out: args.out, credentials: { kind: 'password', email, password }, chromium: args.chromium });
  io.stdout(`Wrote ${result.path} (${result.bytes} bytes) for ${args.quarter}\n`);
  return 0;
}

function operatorName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

async function withDatabase<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('@/db/client');
  const handle = await openDatabase({ migrate: true });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * --as: mint the session (database opened and closed again, so an embedded database is free for the
 * app this command may start), print, revoke. The session is revoked whatever happens in between.
 */
export async function printAsOperator(o: { as: string; quarter: string; out: string; url: string | null; chromium: string }, io: ReportIo): Promise<ReportPdfResult> {
  const { mintReportSession, revokeReportSession } = await import('@/lib/server/auth/report-session');
  const actor = `cli:${operatorName()}`;
  const secure = o.url?.startsWith('https://') ?? false;
  const session = await withDatabase((db) => mintReportSession(db, { email: o.as, actor, quarter: o.quarter, secure }));
  let outcome = 'failed';
  try {
    const credentials: ReportCredentials = { kind: 'cookie', email: session.email, ...session.cookie };
    let result: ReportPdfResult;
    if (o.url) {
      result = await printQuarterlyReport({ url: o.url, quarter: o.quarter, out: o.out, credentials, chromium: o.chromium });
    } else {
      const app = await startLocalApp(io);
      try {
        result = await printQuarterlyReport({ url: app.url, quarter: o.quarter, out: o.out, credentials, chromium: o.chromium });
      } finally {
        await app.stop();
      }
    }
    outcome = 'written';
    return result;
  } finally {
    await withDatabase((db) => revokeReportSession(db, { session, actor, quarter: o.quarter, outcome }));
  }
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the app (`npm start`: builds when needed) on a free local port with this command's environment; waits until it is ready. */
async function startLocalApp(io: ReportIo): Promise<{ url: string; stop: () => Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  io.stderr(`Starting the app on ${url} for this report …\n`);
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LAGESBILD_BASE_URL: url, BETTER_AUTH_URL: url, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? 1;
  });
  const stop = async () => {
    if (exited !== null || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 15_000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the app stopped before it was ready (exit ${exited}):\n${log}`);
    const ready = await fetch(`${url}/api/health`).then((r) => r.status === 200).catch(() => false);
    if (ready) return { url, stop };
    await new Promise((r) => setTimeout(r, 1000));
  }
  await stop();
  throw new Error(`the app did not become ready within 15 minutes:\n${log}`);
}
