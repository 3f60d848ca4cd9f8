import { setMeetingModeAction, signOutAction } from '../logga-in/actions';

/**
 * The signed-in user's controls in the staff header (forms: they work without JavaScript): meeting
 * mode for a shared screen (only `joint` records while on) and sign-out.
 */
export function SignOutForm({ label, user, meetingMode = false, path = '/karta' }: { label: string; user: string; meetingMode?: boolean; path?: string }) {
  return (
    <>
      <form action={setMeetingModeAction} className="staff-header__meeting" data-testid="meeting-mode">
        <input type="hidden" name="on" value={meetingMode ? '0' : '1'} />
        <input type="hidden" name="next" value={path} />
        <button type="submit" aria-pressed={meetingMode}>
          {meetingMode ? 'Mötesläge på (bara gemensamma uppgifter)' : 'Mötesläge'}
        </button>
      </form>
      <form action={signOutAction} className="staff-header__sign-out" data-testid="sign-out">
        <span className="staff-header__user">{user}</span> <button type="submit">{label}</button>
      </form>
    </>
  );
}
