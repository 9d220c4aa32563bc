/** Re-renders an element when the chat client's store or connection changes (at most once a frame). */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClient } from '../../core/client.js';
import type { StoreChange } from '../../store/chat-store.js';

export class ClientController implements ReactiveController {
  private client: ChatClient | undefined;
  private off: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange?: (change: StoreChange) => void,
  ) {
    host.addController(this);
  }

  /** Follows a (new) client; call whenever the context value changes. */
  attach(client: ChatClient | undefined): void {
    if (client === this.client) return;
    this.detach();
    this.client = client;
    if (!client) return;
    this.off = [
      client.events.on('change', (change) => {
        this.onChange?.(change);
        this.host.requestUpdate();
      }),
      client.events.on('connection', () => this.host.requestUpdate()),
    ];
    this.host.requestUpdate();
  }

  private detach(): void {
    for (const off of this.off) off();
    this.off = [];
  }

  /** The browser says the network is back: retry now instead of waiting out the backoff. */
  private readonly onOnline = () => this.client?.reconnectNow();

  hostConnected(): void {
    const client = this.client;
    this.client = undefined;
    this.attach(client);
    window.addEventListener('online', this.onOnline);
  }

  hostDisconnected(): void {
    this.detach();
    window.removeEventListener('online', this.onOnline);
  }
}
