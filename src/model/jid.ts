/** JIDs: XEP-0106 escaping of user ids, bare/full splitting, validation of what callers pass in. */
import { badRequest } from './errors.js';

// XEP-0106 §3.2: these characters may not appear in a localpart and are escaped as \hh.
const ESCAPES: Record<string, string> = {
  ' ': '\\20', '"': '\\22', '&': '\\26', "'": '\\27', '/': '\\2f',
  ':': '\\3a', '<': '\\3c', '>': '\\3e', '@': '\\40', '\\': '\\5c',
};
const ESCAPE_SEQUENCE = /\\(20|22|26|27|2f|3a|3c|3e|40|5c)/gi;

export function escapeNode(node: string): string {
  const trimmed = node.trim();
  let out = '';
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i];
    if (ch === '\\') {
      // A backslash is escaped only where it would otherwise start an escape sequence.
      const next = trimmed.slice(i, i + 3);
      out += ESCAPE_SEQUENCE.test(next) ? '\\5c' : '\\';
      ESCAPE_SEQUENCE.lastIndex = 0;
    } else {
      out += ESCAPES[ch] ?? ch;
    }
  }
  return out;
}

export function unescapeNode(node: string): string {
  return node.replace(ESCAPE_SEQUENCE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  return (slash === -1 ? jid : jid.slice(0, slash)).toLowerCase();
}

export function localpart(jid: string): string {
  const bare = bareJid(jid);
  const at = bare.indexOf('@');
  return at === -1 ? '' : bare.slice(0, at);
}

const DOMAIN = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i;
const FORBIDDEN_IN_LOCALPART = /[\s"&'/:<>@]/;

/** True for a bare JID `local@domain` whose parts are well formed. */
export function isBareJid(jid: unknown): jid is string {
  if (typeof jid !== 'string' || jid.length > 3071) return false;
  const at = jid.indexOf('@');
  if (at <= 0 || jid.includes('/')) return false;
  const local = jid.slice(0, at);
  const domain = jid.slice(at + 1);
  return !FORBIDDEN_IN_LOCALPART.test(local) && local.length <= 1023 && DOMAIN.test(domain);
}

/** A chat's JID as the store keys it (trimmed, bare, lower-case), from any form of it (any case, with
 * a resource); undefined when it is not a valid address. */
export function chatJidOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const bare = bareJid(value.trim());
  return isBareJid(bare) ? bare : undefined;
}

/** Validates a caller's JID parameter (bare or full) and returns its lower-cased bare form. */
export function requireJid(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest(`${name} is required: pass the peer's JID, e.g. "bob@example.com"`);
  }
  const jid = chatJidOf(value);
  if (!jid) throw badRequest(`${name} "${value}" is not a valid JID (expected "user@domain")`);
  return jid;
}

/** The reference API's `getJid(userId)`: a user id on the configured domain, escaped per XEP-0106. */
export function jidForUser(userId: string, domain: string): string {
  if (typeof userId !== 'string' || userId.trim() === '') throw badRequest('userId is required');
  return `${escapeNode(userId).toLowerCase()}@${domain}`;
}
