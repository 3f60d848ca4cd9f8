import { requireAdmin } from '@/lib/server/auth/admin';
import { AdminNav } from './admin-nav';

export const dynamic = 'force-dynamic';

// Administration: users, roles per municipality, organisations and the audit log.
export default async function AdminPage() {
  const admin = await requireAdmin();
  return (
    <section style={{ padding: '1rem' }}>
      <h1>Administration</h1>
      <AdminNav current="start" />
      <p>Du är administratör i kommun {admin.municipalities.join(', ')}.</p>
    </section>
  );
}
