'use client';
// The language link for public pages: a plain link to /sprak (works without JavaScript once rendered),
// returning to the page the reader is on.
import { usePathname } from 'next/navigation';

export function PublicLanguageSwitch({ other, label, title }: { other: 'sv' | 'en'; label: string; title: string }) {
  const path = usePathname() || '/';
  // Status pages carry a secret token in the path: never send it through /sprak's query string.
  const next = path.startsWith('/rapportstatus/') ? '/' : path;
  return (
    <a className="public-header__lang" href={`/sprak?${new URLSearchParams({ lang: other, next }).toString()}`} hrefLang={other} lang={other} title={title}>
      {label}
    </a>
  );
}
