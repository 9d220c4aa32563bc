/** A foreign XMPP client for end-to-end tests: a bare strophe connection (not our SDK) on the real
 * server that sends stanzas in the exact shapes other clients send (Conversations, Dino, Gajim,
 * profanity, converse.js: reused ids, no type, their own markers) and records what reaches it. */
import { Strophe } from 'strophe.js';
import { makePerson, server, unique, waitFor } from './helpers.js';

type Conn = InstanceType<typeof Strophe.Connection>;

export interface Foreign {
  /** Bare JID of the account. */
  jid: string;
  username: string;
  password: string;
  /** Full JID of this connection. */
  full: string;
  /** Every `<message>` that reached this connection, in order. */
  received: Element[];
  /** Sends a stanza written as XML text (no namespace needed: the stream's default is jabber:client). */
  send(xml: string): void;
  /** Sends an iq written as XML text and resolves with the answer (rejects on an error answer). */
  iq(xml: string): Promise<Element>;
  /** Waits until a received message matches. */
  waitForMessage(match: (m: Element) => boolean, what: string, timeoutMs?: number): Promise<Element>;
  /** Closes the connection (the account stays). */
  close(): Promise<void>;
  /** Connects again as a new session (new resource), e.g. a client that restarted. */
  reconnect(): Promise<void>;
}

/** Parses XML text into an element strophe can send. */
export function xml(text: string): Element {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`bad test XML: ${error.textContent}`);
  const root = doc.documentElement;
  // Over a websocket every stanza is its own frame (RFC 7395) and has to name its namespace.
  if (!root.getAttribute('xmlns')) root.setAttribute('xmlns', 'jabber:client');
  return root;
}

/** An XML attribute value. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Registers a new account (or uses `creds`) and signs it in with a bare strophe connection, sending
 * initial presence unless `presence: false` (then the server keeps messages to it offline). */
export async function foreignClient(
  creds?: { username: string; password: string; jid: string } | null,
  opts: { presence?: boolean; resource?: string } = {},
): Promise<Foreign> {
  if (!creds) {
    const p = await makePerson(null, { connect: false });
    creds = { username: p.username, password: p.password, jid: p.jid };
  }
  const { service } = await server();
  const account = creds;
  let conn: Conn;
  const received: Element[] = [];
  const foreign: Foreign = {
    jid: account.jid,
    username: account.username,
    password: account.password,
    full: '',
    received,
    send: (text) => conn.send(xml(text)),
    iq: (text) => new Promise((resolve, reject) => conn.sendIQ(xml(text), resolve, (e: Element | null) => reject(new Error(e ? e.outerHTML : 'iq timeout')), 10000)),
    waitForMessage: (match, what, timeoutMs) => waitFor(() => received.find(match), what, timeoutMs),
    close: () => new Promise<void>((resolve) => {
      if (!conn.connected) return resolve();
      const done = setTimeout(resolve, 2000);
      conn.connect_callback = (status: number) => {
        if (status === Strophe.Status.DISCONNECTED) {
          clearTimeout(done);
          resolve();
        }
      };
      conn.disconnect('bye');
    }),
    reconnect: async () => {
      await foreign.close();
      await open();
    },
  };
  const open = () => new Promise<void>((resolve, reject) => {
    conn = new Strophe.Connection(service);
    conn.connect(`${account.jid}/${opts.resource ?? unique('foreign')}`, account.password, (status: number) => {
      if (status === Strophe.Status.CONNECTED) {
        conn.addHandler((m: Element) => {
          received.push(m);
          return true;
        }, null, 'message', null, null);
        conn.addHandler((iq: Element) => {
          const type = iq.getAttribute('type');
          if (type === 'get' || type === 'set') {
            conn.send(xml(`<iq type="error" to="${esc(iq.getAttribute('from') ?? '')}" id="${esc(iq.getAttribute('id') ?? '')}"><error type="cancel"><feature-not-implemented xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`));
          }
          return true;
        }, null, 'iq', null, null);
        if (opts.presence !== false) conn.send(xml('<presence/>'));
        foreign.full = conn.jid;
        resolve();
      } else if (status === Strophe.Status.AUTHFAIL || status === Strophe.Status.CONNFAIL) {
        reject(new Error(`foreign client could not sign in (${status})`));
      }
    });
  });
  await open();
  return foreign;
}

/** A closer for every foreign client a test opened. */
export function foreignPerTest(): (...args: Parameters<typeof foreignClient>) => Promise<Foreign> {
  const made: Foreign[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((f) => f.close()));
  });
  return async (...args) => {
    const f = await foreignClient(...args);
    made.push(f);
    return f;
  };
}

/** Encrypts `plain` with a fresh AES-256-GCM key, uploads it through bob's own XEP-0363 slot and answers
 * the `aesgcm://` URL with its key (XEP-0454), as an OMEMO client does. */
export async function uploadEncrypted(bob: Foreign, plain: Uint8Array<ArrayBuffer>, name: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  const slot = await bob.iq(`<iq type="get" to="upload.localhost" id="s1"><request xmlns="urn:xmpp:http:upload:0" filename="${name}" size="${cipher.length}" content-type="application/octet-stream"/></iq>`);
  const put = slot.getElementsByTagNameNS('urn:xmpp:http:upload:0', 'put')[0];
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
  for (const h of [...put.getElementsByTagNameNS('urn:xmpp:http:upload:0', 'header')]) headers[h.getAttribute('name')!] = h.textContent!;
  const stored = await fetch(put.getAttribute('url')!, { method: 'PUT', headers, body: cipher });
  if (!stored.ok) throw new Error(`the upload service answered HTTP ${stored.status}`);
  const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  const get = slot.getElementsByTagNameNS('urn:xmpp:http:upload:0', 'get')[0].getAttribute('url')!;
  return `aesgcm://${get.replace(/^https?:\/\//, '')}#${hex(iv)}${hex(raw)}`;
}
