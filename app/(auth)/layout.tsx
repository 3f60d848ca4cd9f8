import type { ReactNode } from 'react';

// Sign-in pages: no staff navigation, nothing that needs a session.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="auth-page" tabIndex={-1} style={{ maxWidth: '28rem', margin: '4rem auto', padding: '0 1rem' }}>
      {children}
    </main>
  );
}
