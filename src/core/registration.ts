/** XEP-0077 in-band registration: creates an account on a connection of its own, before any sign-in. */
import { Strophe } from 'strophe.js';
import { badRequest, forbidden, serverError, timeout } from '../model/errors.js';
import { newId } from '../model/ids.js';
import { escapeNode } from '../model/jid.js';
import { buildRegistration, offersRegistration } from '../protocol/register.js';
import { readStanzaError } from '../protocol/errors.js';
import { attr } from '../protocol/xml.js';
import { describeIqError } from './connection.js';
import type { ResolvedOptions } from './options.js';

export interface Registered {
  username: string;
  password: string;
  jid: string;
}

/** Creates an account. Without arguments, a guest account with random credentials. 400 for a taken or
 * malformed username, 403 when the server does not allow registration, 408/500 when it is unreachable. */
export async function register(options: ResolvedOptions, username?: string, password?: string): Promise<Registered> {
  if (username !== undefined && (typeof username !== 'string' || !/^[^\s"&'/:<>@\\]{1,64}$/.test(username))) {
    throw badRequest('username may not be empty or contain spaces or any of " & \' / : < > @ \\');
  }
  if (password !== undefined && (typeof password !== 'string' || password.length < 1)) {
    throw badRequest('password must be a non-empty string');
  }
  const user = (username ?? `guest-${newId().replace(/-/g, '').slice(0, 12)}`).toLowerCase();
  const pass = password ?? newId().replace(/-/g, '');
  const conn = new Strophe.Connection(options.service, {});
  conn.do_authentication = false;
  try {
    const features = await streamFeatures(conn, options);
    if (!offersRegistration(features)) throw forbidden('This chat server does not allow creating accounts (in-band registration is off)');
    // Before authentication strophe only runs its own system handlers, so the answer is caught with one.
    const id = newId();
    const answer = await new Promise<Element>((resolve, reject) => {
      const timer = setTimeout(() => reject(timeout('The chat server did not answer the registration')), options.requestTimeoutMs);
      conn._addSysHandler((iq: Element) => {
        clearTimeout(timer);
        resolve(iq);
        return false;
      }, null, 'iq', null, id);
      conn.send(buildRegistration(user, pass, id));
    });
    if (attr(answer, 'type') === 'error') {
      if (readStanzaError(answer).condition === 'conflict') throw badRequest(`The username "${user}" is already taken`);
      throw badRequest(`The server refused the registration: ${describeIqError(answer)}`);
    }
    return { username: user, password: pass, jid: `${escapeNode(user)}@${options.domain}` };
  } finally {
    conn.disconnect('registered');
  }
}

/** Opens a stream without signing in and resolves with the server's stream features. */
function streamFeatures(conn: InstanceType<typeof Strophe.Connection>, options: ResolvedOptions): Promise<Element> {
  return new Promise<Element>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeout(`The chat server at ${options.service} did not answer`)), options.requestTimeoutMs);
    const original = conn._connect_cb.bind(conn);
    conn._connect_cb = (req, callback, raw) => {
      original(req, callback, raw);
      const el = req as Element;
      const found = el.getElementsByTagNameNS?.('http://etherx.jabber.org/streams', 'features')[0]
        ?? (el.localName === 'features' ? el : undefined);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    conn.connect(options.domain, '', (status: number) => {
      if (status === Strophe.Status.CONNFAIL || status === Strophe.Status.DISCONNECTED) {
        clearTimeout(timer);
        reject(serverError(`Could not reach the chat server at ${options.service}`));
      }
    });
  });
}
