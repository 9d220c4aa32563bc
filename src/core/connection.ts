/** The link to the server: one strophe connection per client, sign-in, XEP-0198 stream resumption,
 * and reconnection with backoff. What happens once a session is up (handlers, presence, catch-up) is
 * the client's `onSession` hook; this module only knows when to call it. */
import { Strophe, type Builder } from 'strophe.js';
import { forbidden, notFound, serverError, timeout, unauthorized, type SdkError } from '../model/errors.js';
import type { ConnectionState } from '../model/types.js';
import { newId } from '../model/ids.js';
import { readStanzaError } from '../protocol/errors.js';
import { InMemorySMStorage } from './sm-storage.js';
import type { ResolvedOptions } from './options.js';
import type { Xmpp } from './services.js';

export type StropheConnection = InstanceType<typeof Strophe.Connection>;

// strophe.js logs every stanza at DEBUG by default; connection trouble is reported through our own events.
Strophe.setLogLevel(Strophe.LogLevel.FATAL);

export interface ConnectionHooks {
  /** A session is up (`resumed`: XEP-0198 resumed the previous one, nothing was lost). Resolves when
   * the client is ready to send (handlers added, caught up). */
  onSession(conn: StropheConnection, resumed: boolean): Promise<void>;
  onState(state: ConnectionState, reason?: string): void;
  /** Online: stanzas go out at once from now on. */
  onOnline(): void;
}

export class Connection implements Xmpp {
  private conn: StropheConnection | null = null;
  private jid = '';
  private password = '';
  private readonly resource = `widget-${newId().slice(0, 8)}`;
  private userDisconnected = true;
  private isOnline = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFailure: string | undefined;
  private state: ConnectionState = 'disconnected';
  private waiting: { resolve: () => void; reject: (e: SdkError) => void } | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly options: ResolvedOptions, private readonly hooks: ConnectionHooks) {}

  /** The strophe connection (diagnostics and tests only). */
  get strophe(): StropheConnection | null {
    return this.conn;
  }

  get online(): boolean {
    return this.isOnline;
  }

  /** Whether these are the credentials of the current session. */
  hasPassword(password: string): boolean {
    return password === this.password;
  }

  /** True until `start()`, and again after `stop()` or a refused sign-in. */
  get signedOut(): boolean {
    return this.userDisconnected;
  }

  /** Signs in as `account` and keeps the session up until `stop()`. Resolves when online; 401 on wrong
   * credentials; 408 after `connectTimeoutMs` (it keeps trying in the background). */
  start(account: string, password: string): Promise<void> {
    if (this.starting && this.jid === account && this.password === password && !this.userDisconnected) return this.starting;
    this.jid = account;
    this.password = password;
    this.userDisconnected = false;
    this.attempt = 0;
    const started = new Promise<void>((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
    const timer = setTimeout(() => {
      this.waiting?.reject(timeout(`Could not reach the chat server at ${this.options.service}; still trying in the background`));
      this.waiting = null;
    }, this.options.connectTimeoutMs);
    this.open();
    this.starting = started.finally(() => {
      clearTimeout(timer);
      this.starting = null;
    });
    return this.starting;
  }

  private setState(state: ConnectionState, reason?: string): void {
    this.state = state;
    this.hooks.onState(state, reason);
  }

  private open(): void {
    clearTimeout(this.reconnectTimer);
    const websocket = /^wss?:/i.test(this.options.service);
    // Resumption state stays with this client: strophe's default (sessionStorage, keyed by JID) would let
    // two clients of one account on a page resume each other's session and knock each other off.
    // Resuming after a reload is not needed: the archive catch-up covers it.
    this.conn ??= new Strophe.Connection(this.options.service, {
      enableStreamManagement: websocket,
      streamManagement: { storage: new InMemorySMStorage() },
    });
    const conn = this.conn;
    this.setState(this.attempt > 0 ? 'reconnecting' : 'connecting', this.attempt > 0 ? this.lastFailure : undefined);
    conn.connect(`${this.jid}/${this.resource}`, this.password, (status: number, condition: string | null) => {
      if (conn === this.conn) this.onStatus(conn, status, condition ?? undefined);
    });
  }

  private onStatus(conn: StropheConnection, status: number, condition?: string): void {
    const S = Strophe.Status;
    if (status === S.CONNECTED) {
      void this.onConnected(conn, conn.hasResumed());
    } else if (status === S.AUTHFAIL) {
      this.isOnline = false;
      this.userDisconnected = true;
      this.setState('authfailed', 'Wrong username or password');
      this.waiting?.reject(unauthorized('Wrong username or password'));
      this.waiting = null;
    } else if (status === S.CONNFAIL || status === S.CONNTIMEOUT) {
      this.isOnline = false;
      this.lastFailure = condition ?? 'connection failed';
    } else if (status === S.DISCONNECTED) {
      this.isOnline = false;
      if (!this.userDisconnected) this.scheduleReconnect();
      else if (this.state !== 'authfailed') this.setState('disconnected');
    }
  }

  private async onConnected(conn: StropheConnection, resumed: boolean): Promise<void> {
    this.attempt = 0;
    this.lastFailure = undefined;
    try {
      await this.hooks.onSession(conn, resumed);
    } catch (error) {
      console.warn('[chat-widget] setting up the session failed:', error);
    }
    if (conn !== this.conn) return;
    this.isOnline = true;
    this.setState('connected');
    this.hooks.onOnline();
    this.waiting?.resolve();
    this.waiting = null;
  }

  private scheduleReconnect(): void {
    const delays = this.options.reconnectDelaysMs;
    const base = delays[Math.min(this.attempt, delays.length - 1)];
    this.attempt += 1;
    // Jitter so a server restart is not met by every client at the same instant.
    const wait = base * (0.8 + Math.random() * 0.4);
    this.setState('reconnecting', this.lastFailure);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (!this.userDisconnected) this.open();
    }, wait);
  }

  /** Tries to reconnect now instead of waiting out the backoff (the browser says the network is back). */
  reconnectNow(): void {
    if (!this.userDisconnected && !this.isOnline && this.state === 'reconnecting') this.open();
  }

  /** Signs out and closes the connection (waits up to 2 s for the server to say goodbye). */
  async stop(): Promise<void> {
    this.userDisconnected = true;
    clearTimeout(this.reconnectTimer);
    this.waiting?.reject(unauthorized('Signed out (disconnect()) before the connection was made'));
    this.waiting = null;
    const conn = this.conn;
    this.conn = null;
    this.isOnline = false;
    if (conn?.connected) {
      await new Promise<void>((resolve) => {
        const done = setTimeout(resolve, 2000);
        conn.connect_callback = (status: number) => {
          if (status !== Strophe.Status.DISCONNECTED) return;
          clearTimeout(done);
          resolve();
        };
        conn.disconnect('logout');
      });
    }
    this.setState('disconnected');
  }

  send(stanza: Builder | Element): void {
    this.conn?.send(stanza);
  }

  sendIq(iq: Builder, timeoutMs = this.options.requestTimeoutMs): Promise<Element> {
    const conn = this.conn;
    if (!conn) return Promise.reject(unauthorized('Not connected'));
    return new Promise((resolve, reject) => {
      conn.sendIQ(iq, resolve, (error: Element | null) => {
        reject(error ? iqError(error) : timeout('The chat server did not answer in time'));
      }, timeoutMs);
    });
  }
}

export function describeIqError(iq: Element): string {
  const { condition, text } = readStanzaError(iq);
  return text || condition || 'unknown error';
}

/** An iq error as the status a caller can act on (RFC 6120 §8.3 conditions). */
export function iqError(iq: Element): SdkError {
  const description = describeIqError(iq);
  const { condition } = readStanzaError(iq);
  if (condition === 'item-not-found') return notFound(`The server has no such item (${description})`);
  if (['not-authorized', 'forbidden', 'not-allowed'].includes(condition)) return forbidden(`The server refused: ${description}`);
  return serverError(`The server answered with an error: ${description}`);
}
