/** The base of the elements that read the shared client: they take it from context, or, placed alone
 * on a page, make (or find) one from their own attributes. */
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { ChatClient } from '../../core/client.js';
import type { StoreChange } from '../../store/chat-store.js';
import { chatClientContext } from './context.js';
import { ClientController } from './client-controller.js';
import { onlyPageSession, pageSession } from './session.js';
import { emit } from './events.js';

export class ChatElement extends LitElement {
  /** XMPP websocket or BOSH URL; only needed when no `<chat-launcher>` provides the connection. */
  @property() service?: string;
  /** XMPP domain of the accounts. */
  @property() domain?: string;
  @property() username?: string;
  @property() password?: string;
  /** Sign in as a remembered guest account (registered in-band on the first visit). */
  @property({ type: Boolean }) guest = false;
  @property({ attribute: 'storage-prefix' }) storagePrefix?: string;
  /** `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  @consume({ context: chatClientContext, subscribe: true })
  @state()
  provided?: ChatClient;

  @state() private own?: ChatClient;

  protected readonly clientController = new ClientController(this, (change) => this.storeChanged(change));

  /** The client this element works with. */
  get client(): ChatClient | undefined {
    return this.provided ?? this.own;
  }

  /** Called (at most once a frame) when the store changed; elements re-read what they show. */
  protected storeChanged(_change: StoreChange): void {}

  /** Called when the element's client is first known or replaced. */
  protected clientChanged(): void {}

  override connectedCallback(): void {
    super.connectedCallback();
    // Context answers synchronously during connection; if nobody did, fall back to attributes.
    queueMicrotask(() => this.adoptPageSession());
  }

  private adoptPageSession(): void {
    if (this.provided || this.own) return;
    if (this.service && this.domain) {
      this.own = pageSession({
        service: this.service, domain: this.domain, username: this.username, password: this.password,
        guest: this.guest, storagePrefix: this.storagePrefix,
      }, (error) => emit(this, 'chat-error', { statusCode: error.statusCode, message: error.message }));
    } else {
      this.own = onlyPageSession();
    }
  }

  private lastClient?: ChatClient;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Connection attributes set after the element joined the page (e.g. once a config has loaded).
    if (!this.client && this.isConnected && ['service', 'domain', 'username', 'password', 'guest'].some((k) => changed.has(k))) {
      this.adoptPageSession();
    }
    if (this.client !== this.lastClient) {
      this.lastClient = this.client;
      this.clientController.attach(this.client);
      this.clientChanged();
    }
  }
}
