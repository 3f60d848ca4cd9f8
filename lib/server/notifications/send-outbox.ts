import 'server-only';
// Sends the outbox's pending e-mails through SMTP (SMTP_URL, e.g. smtps://user:pass@mail.example:465;
// SMTP_FROM the sender). Without SMTP_URL nothing is sent and every pending row says so
// ('not_configured'); the in-app notifications are there either way. A failed send is retried on the
// next run, up to three attempts.
import type { Kysely } from 'kysely';
import { listPendingEmails, markEmail, markPendingNotConfigured } from '@/db/queries/notifications/notification-outbox';
import type { Database } from '@/db/schema';

const MAX_ATTEMPTS = 3;
const BATCH = 200;

export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface SendOutboxResult {
  configured: boolean;
  sent: number;
  failed: number;
  notConfigured: number;
}

export async function createSmtpTransport(url: string): Promise<MailTransport> {
  const nodemailer = await import('nodemailer');
  return nodemailer.createTransport(url);
}

export async function sendNotificationOutbox(db: Kysely<Database>, o: { transport: MailTransport | null; from: string; baseUrl: string | null; now: () => Date }): Promise<SendOutboxResult> {
  if (!o.transport) return { configured: false, sent: 0, failed: 0, notConfigured: await markPendingNotConfigured(db) };
  let sent = 0;
  let failed = 0;
  for (const mail of await listPendingEmails(db, { maxAttempts: MAX_ATTEMPTS, limit: BATCH })) {
    const link = mail.link && o.baseUrl ? `\n\n${new URL(mail.link, o.baseUrl).toString()}` : '';
    try {
      await o.transport.sendMail({ from: o.from, to: mail.email, subject: `Lägesbild: ${mail.title}`, text: `${mail.body}${link}` });
      await markEmail(db, mail.id, { status: 'sent', at: o.now() });
      sent++;
    } catch (err) {
      await markEmail(db, mail.id, { status: 'failed', at: o.now(), error: err instanceof Error ? err.message : String(err) });
      failed++;
    }
  }
  return { configured: true, sent, failed, notConfigured: 0 };
}
