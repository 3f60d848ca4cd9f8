import { signOutAction } from '../logga-in/actions';

/** A form button (works without JavaScript) that ends the session. */
export function SignOutForm({ label, user }: { label: string; user: string }) {
  return (
    <form action={signOutAction} className="staff-header__sign-out" data-testid="sign-out">
      <span className="staff-header__user">{user}</span>{' '}
      <button type="submit">{label}</button>
    </form>
  );
}
