// Signs a page in as one of the README's demo users through better-auth's own endpoint; the page's
// later requests carry the session cookie.
import { type Page, expect } from '@playwright/test';

export const DEMO_LOGINS = {
  admin: { email: 'admin@demo.lagesbild.example', password: 'demo-admin-0683' },
  police: { email: 'polis@demo.lagesbild.example', password: 'demo-polis-0683' },
  municipality: { email: 'kommun@demo.lagesbild.example', password: 'demo-kommun-0683' },
  partner: { email: 'partner@demo.lagesbild.example', password: 'demo-partner-0683' },
  council: { email: 'bra@demo.lagesbild.example', password: 'demo-bra-0683' },
} as const;

export async function signInAs(page: Page, role: keyof typeof DEMO_LOGINS, baseURL: string): Promise<void> {
  const res = await page.request.post(`${baseURL}/api/auth/sign-in/email`, { data: DEMO_LOGINS[role], headers: { origin: baseURL } });
  expect(res.status(), `sign-in as ${role}: ${await res.text()}`).toBe(200);
}
