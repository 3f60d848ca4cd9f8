// `lagesbild report --quarter 2026-Q3 --out report.pdf [--url http://127.0.0.1:3000] [--user EMAIL]`
// prints the quarterly report page (/rapport) of a running app to an A4 PDF with Debian's Chromium:
// the same page and print CSS as "Save as PDF" in a browser. It signs in like a person (password of a
// council or EST user, from LAGESBILD_REPORT_PASSWORD so it stays out of shell history) and sees only
// what that user may see. Exit codes: 0 written, 1 failed (app unreachable, sign-in refused …), 2 wrong arguments.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '@/lib/schemas/cli-usage-error';

export const REPORT_USAGE = `Usage: lagesbild report --quarter YYYY-Qn --out FILE.pdf [--url URL] [--user EMAIL]

Prints the council's quarterly report of a running Lägesbild to an A4 PDF with Chromium.

  --quarter YYYY-Qn   a closed quarter, e.g. 2026-Q3
  --out FILE          where to write the PDF
  --url URL           the app (default http://127.0.0.1:3000, or LAGESBILD_URL)
  --user EMAIL        a council, police or municipality user with a password (default LAGESBILD_REPORT_USER);
                      the password is read from LAGESBILD_REPORT_PASSWORD
  --chromium PATH     the browser (default /usr/bin/chromium, or LAGESBILD_CHROMIUM)`;

const reportArgsSchema = z
  .object({
    quarter: z.string({ error: '--quarter is required' }).regex(/^\d{4}-Q[1-4]$/, { error: '--quarter must look like 2026-Q3' }),
    out: z.string({ error: '--out is required' }).trim().min(1, { error: '--out needs a file name' }),
    url: z.url({ protocol: /^https?$/, error: '--url must be an http(s) URL' }).default(process.env.LAGESBILD_URL || 'http://127.0.0.1:3000'),
    user: z.email({ error: '--user must be an e-mail address' }).optional(),
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

/** Signs in, opens /rapport?quarter=…, waits for the charts, prints A4 with page numbers. */
export async function printQuarterlyReport(o: { url: string; quarter: string; out: string; email: string; password: string; chromium: string }): Promise<ReportPdfResult> {
  const { chromium } = await import('playwright-core');
  const base = o.url.replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: o.chromium, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ baseURL: base, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const signIn = await context.request.post('/api/auth/sign-in/email', { data: { email: o.email, password: o.password }, headers: { origin: base } });
    if (signIn.status() !== 200) throw new Error(`sign-in as ${o.email} was refused (HTTP ${signIn.status()}): check the user and LAGESBILD_REPORT_PASSWORD`);
    const body = (await signIn.json().catch(() => ({}))) as { twoFactorRedirect?: boolean };
    if (body.twoFactorRedirect) throw new Error(`${o.email} signs in with a second factor: use a council user, or print from the browser`);
    const page = await context.newPage();
    const res = await page.goto(`/rapport?quarter=${encodeURIComponent(o.quarter)}`, { waitUntil: 'networkidle', timeout: 180_000 });
    if (!res || res.status() !== 200) throw new Error(`the report page answered HTTP ${res?.status() ?? 'nothing'}`);
    if (page.url().includes('/logga-in')) throw new Error(`${o.email} is not signed in on the report page`);
    const report = page.locator('[data-testid="quarterly-report"]');
    if ((await report.count()) === 0) throw new Error(`${o.email} may not read the council report (no report on the page)`);
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
      options: { quarter: { type: 'string' }, out: { type: 'string' }, url: { type: 'string' }, user: { type: 'string' }, chromium: { type: 'string' } },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const parsed = reportArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const args = parsed.data;
  const email = args.user ?? process.env.LAGESBILD_REPORT_USER;
  const password = process.env.LAGESBILD_REPORT_PASSWORD;
  if (!email) throw new UsageError('--user (or LAGESBILD_REPORT_USER) is required');
  if (!password) throw new UsageError('LAGESBILD_REPORT_PASSWORD must hold the user\'s password');
  if (!fs.existsSync(args.chromium)) throw new Error(`Chromium not found at ${args.chromium}: install Debian's chromium or pass --chromium`);
  const result = await printQuarterlyReport({ url: args.url, quarter: args.quarter, out: args.out, email, password, chromium: args.chromium });
  io.stdout(`Wrote ${result.path} (${result.bytes} bytes) for ${args.quarter}\n`);
  return 0;
}
