/**
 * Why a sign-in did not finish, as the home page says it. The callback redirects with one of these
 * codes, never with text: Discord's `error_description` (or anything else in the URL) would
 * otherwise be shown on our page, under our name, to whoever followed a crafted link.
 */
export const SIGN_IN_ERRORS = {
  denied: 'You did not allow Guildhall on Discord. Press "Sign in with Discord" to try again.',
  discord: 'Discord did not complete the sign-in. Please try again.',
  'no-code': 'Discord did not send a sign-in code. Please try again.',
  expired: 'The sign-in expired or did not start here. Please try again.',
  rejected: 'Discord did not accept the sign-in (the code was used or had expired). Please try again.',
  unreachable: 'Discord could not be reached. Please try again in a minute.',
  services: 'Guildhall could not look up your servers just now. Please try again in a minute.',
  'too-many': 'Too many sign-ins from here or for this account. Wait a few minutes, then try again.',
} as const;

export type SignInError = keyof typeof SIGN_IN_ERRORS;

/** The message for a code from the URL; anything not ours reads as the generic failure. */
export function signInErrorMessage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return Object.hasOwn(SIGN_IN_ERRORS, code) ? SIGN_IN_ERRORS[code as SignInError] : SIGN_IN_ERRORS.discord;
}

/** Discord's `error` parameter (RFC 6749 §4.1.2.1) to our code. */
export function fromDiscordError(error: string): SignInError {
  return error === 'access_denied' || error === 'consent_required' || error === 'interaction_required'
    ? 'denied'
    : 'discord';
}
