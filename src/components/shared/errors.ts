/** What an end user is told when something fails: a localized sentence they can act on, from the
 * error's status code. The `chat-error` event keeps the original code and message for the host's
 * developers; this text is only for the screen (it never shows server addresses or API names). */
import { msg, str } from '@lit/localize';

/** What the person was doing when it failed: signing in, or sending a message. */
export type ErrorContext = 'sign-in' | 'send';

export function describeError(error: { statusCode: number; message: string }, context: ErrorContext): string {
  switch (error.statusCode) {
    case 401:
      return context === 'sign-in'
        ? msg('Sign-in failed: wrong username or password')
        // A send refused with 401 is not stored: it will not go out by itself later.
        : msg('Not connected. Sign in to send messages.');
    case 408:
      return msg('Cannot reach the chat server. Still trying…');
    case 403:
      return msg('This is switched off for this chat.');
    case 400:
      return msg(str`That did not work: ${error.message}`);
    default:
      return msg('Something went wrong. Please try again.');
  }
}
