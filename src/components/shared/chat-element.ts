/** The base of the elements that show a chat (list, thread). Where their chat comes from, first match:
 * the `sdk` property (an SDK from `createSDK()`, for several accounts on one page); the context of an
 * enclosing <chat-launcher>; their own connection attributes (signing in the page's SDK, or one of
 * its own for another account); else the page's default SDK, once the host has set it up. */
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { ChatBinding } from '../../core/binding.js';
import type { StoreChange } from '../../model/events.js';
import { asSdkError } from '../../model/errors.js';
import { SDK, type ChatSDK } from '../../sdk/index.js';
import { chatContext } from './context.js';
import { ChatController } from './chat-controller.js';
import { sdkFor, startSession } from './session.js';
import { emit } from './events.js';
import { LocaleController } from './localize.js';

const CONNECTION_ATTRIBUTES = ['service', 'domain', 'username', 'password', 'guest', 'storagePrefix'];

export class ChatElement extends LitElement {
  /** XMPP websocket or BOSH URL; only needed when neither a launcher nor the page's SDK provides the chat. */
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
  /** The SDK to show (from `createSDK()`); by default the page's `ChatWidget.SDK`. */
  @property({ attribute: false }) sdk?: ChatSDK;

  /** @internal The binding an enclosing launcher provides. */
  @consume({ context: chatContext, subscribe: true })
  @state()
  provided?: ChatBinding;

  /** The binding of the SDK this element follows itself (when no launcher provides one). */
  @state() private own?: ChatBinding;
  private followed?: ChatSDK;
  private unwatch?: () => void;

  protected readonly chatController = new ChatController(this, (change) => this.storeChanged(change));
  /** The page's language (see localize.ts): `lang` on the element, an ancestor or `<html>`; sets `dir`. */
  protected readonly locale = new LocaleController(this);

  /** The chat this element works with. */
  get binding(): ChatBinding | undefined {
    return this.sdk ? this.own : (this.provided ?? this.own);
  }

  /** Called when the store changed (a lone change at once, bursts once a frame). */
  protected storeChanged(_change: StoreChange): void {}

  /** Called when the element's binding is first known or replaced. */
  protected bindingChanged(): void {}

  override connectedCallback(): void {
    super.connectedCallback();
    // Context answers synchronously during connection; if nobody did, the element finds its own SDK.
    queueMicrotask(() => this.chooseSdk());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.unwatch = undefined;
    this.followed = undefined;
  }

  private chooseSdk(): void {
    if (!this.isConnected) return;
    let sdk = this.sdk;
    if (!sdk && this.provided) return;
    if (!sdk && this.service && this.domain) {
      const options = {
        service: this.service, domain: this.domain, username: this.username, password: this.password,
        guest: this.guest, storagePrefix: this.storagePrefix,
      };
      sdk = sdkFor(options);
      startSession(sdk, options).catch((error: unknown) => {
        const { statusCode, message } = asSdkError(error);
        emit(this, 'chat-error', { statusCode, message });
      });
    }
    this.follow(sdk ?? SDK);
  }

  private follow(sdk: ChatSDK): void {
    if (this.followed === sdk) return;
    this.unwatch?.();
    this.followed = sdk;
    this.unwatch = sdk.watch((binding) => (this.own = binding ?? undefined));
  }

  private lastBinding?: ChatBinding;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A different SDK, or connection attributes set after the element joined the page.
    if (this.isConnected && (changed.has('sdk') || CONNECTION_ATTRIBUTES.some((k) => changed.has(k)))) this.chooseSdk();
    if (this.binding !== this.lastBinding) {
      this.lastBinding = this.binding;
      this.chatController.attach(this.binding);
      this.bindingChanged();
    }
  }
}
