/** Re-renders an element when the chat it shows changes (the store or the connection), and retries
 * the connection at once when the browser says the network is back. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatBinding } from '../../core/binding.js';
import type { StoreChange } from '../../model/events.js';

export class ChatController implements ReactiveController {
  private binding: ChatBinding | undefined;
  private off: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange?: (change: StoreChange) => void,
  ) {
    host.addController(this);
  }

  /** Follows a (new) binding; call whenever the element's binding changes. */
  attach(binding: ChatBinding | undefined): void {
    if (binding === this.binding) return;
    this.detach();
    this.binding = binding;
    if (!binding) return;
    this.off = [
      binding.on('change', (change) => {
        this.onChange?.(change);
        this.host.requestUpdate();
      }),
      binding.on('connection', () => this.host.requestUpdate()),
    ];
    this.host.requestUpdate();
  }

  private detach(): void {
    for (const off of this.off) off();
    this.off = [];
  }

  private readonly onOnline = () => this.binding?.reconnectNow();

  hostConnected(): void {
    const binding = this.binding;
    this.binding = undefined;
    this.attach(binding);
    window.addEventListener('online', this.onOnline);
  }

  hostDisconnected(): void {
    this.detach();
    window.removeEventListener('online', this.onOnline);
  }
}
