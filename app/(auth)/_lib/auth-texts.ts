// The sign-in pages' words in Swedish and English (kept beside the pages until they move into lib/i18n).
import type { Locale } from '@/lib/i18n/translate';

const sv = {
  title: 'Logga in',
  email: 'E-postadress',
  password: 'Lösenord',
  submit: 'Logga in',
  failed: 'Inloggningen misslyckades. Kontrollera e-postadress och lösenord och försök igen.',
  throttled: 'För många försök. Vänta en stund och försök igen.',
  invalid: 'Fyll i e-postadress och lösenord.',
  oidc: 'Logga in med {name}',
  or: 'eller',
  demo: 'Demoläge: demoanvändarna och deras lösenord står i README (avsnittet "Demo users").',
  codeTitle: 'Tvåstegsverifiering',
  codeHelp: 'Skriv koden från din autentiseringsapp (6 siffror) eller en reservkod.',
  code: 'Kod',
  verify: 'Verifiera',
  codeFailed: 'Koden stämmer inte. Försök igen.',
  enrolTitle: 'Aktivera tvåstegsverifiering',
  enrolHelp: 'Din roll kräver tvåstegsverifiering. Bekräfta ditt lösenord för att skapa en nyckel till din autentiseringsapp.',
  enrolStart: 'Skapa nyckel',
  enrolKey: 'Lägg till den här nyckeln i din autentiseringsapp (TOTP, 30 sekunder, 6 siffror):',
  enrolUri: 'Eller öppna länken på en enhet med appen:',
  enrolBackup: 'Reservkoder (spara dem på ett säkert ställe; varje kod fungerar en gång):',
  enrolConfirm: 'Skriv koden som appen visar för att slutföra:',
  enrolFailed: 'Det gick inte. Kontrollera lösenordet och försök igen.',
  signOut: 'Logga ut',
} as const;

export type AuthTextKey = keyof typeof sv;

const en: Record<AuthTextKey, string> = {
  title: 'Sign in',
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  failed: 'Sign-in failed. Check your e-mail address and password and try again.',
  throttled: 'Too many attempts. Wait a while and try again.',
  invalid: 'Enter your e-mail address and password.',
  oidc: 'Sign in with {name}',
  or: 'or',
  demo: 'Demo mode: the demo users and their passwords are in the README (section "Demo users").',
  codeTitle: 'Two-step verification',
  codeHelp: 'Enter the code from your authenticator app (6 digits) or a backup code.',
  code: 'Code',
  verify: 'Verify',
  codeFailed: 'The code is not right. Try again.',
  enrolTitle: 'Turn on two-step verification',
  enrolHelp: 'Your role requires two-step verification. Confirm your password to create a key for your authenticator app.',
  enrolStart: 'Create key',
  enrolKey: 'Add this key to your authenticator app (TOTP, 30 seconds, 6 digits):',
  enrolUri: 'Or open this link on a device with the app:',
  enrolBackup: 'Backup codes (keep them somewhere safe; each works once):',
  enrolConfirm: 'Enter the code the app shows to finish:',
  enrolFailed: 'That did not work. Check your password and try again.',
  signOut: 'Sign out',
};

export function authTexts(locale: Locale): Record<AuthTextKey, string> {
  return locale === 'en' ? en : sv;
}
