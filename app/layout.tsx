import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { getTranslator } from '@/lib/i18n/translate';
import { getRequestLocale } from './_lib/request-locale';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = getTranslator(await getRequestLocale());
  return { title: { default: t('app.name'), template: `%s – ${t('app.name')}` }, description: t('app.tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t('app.skipLink')}
        </a>
        {children}
      </body>
    </html>
  );
}
