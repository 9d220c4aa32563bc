/** A WebSocket the test can break the way networks do, installed as the page's `window.WebSocket` so
 * every strophe connection opened afterwards uses it: incoming frames, outgoing frames, or both can be
 * switched to vanish without the socket closing (a half-open TCP connection, a dead NAT entry), and a
 * silenced socket also swallows `close()` (the closing handshake never completes). */

type MessageHandler = ((this: WebSocket, ev: MessageEvent) => unknown) | null;

const opened: FaultySocket[] = [];

export class FaultySocket extends WebSocket {
  /** Frames from the server are dropped before the page sees them. */
  dropIncoming = false;
  /** Frames to the server are dropped (the page thinks they went). */
  dropOutgoing = false;
  /** Frames from the server for which this says true are dropped (e.g. only acknowledgements). */
  dropIncomingWhen: ((frame: string) => boolean) | null = null;

  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    opened.push(this);
    // strophe listens through `onmessage`: the handler it sets is called from here, so frames can vanish.
    let handler: MessageHandler = null;
    Object.defineProperty(this, 'onmessage', { get: () => handler, set: (h: MessageHandler) => { handler = h; } });
    this.addEventListener('message', (event) => {
      if (this.dropIncoming || (typeof event.data === 'string' && this.dropIncomingWhen?.(event.data))) return;
      handler?.call(this, event);
    });
  }

  /** Both ways silent, and `close()` does nothing: the socket just stops answering. */
  silence(): void {
    this.dropIncoming = true;
    this.dropOutgoing = true;
  }

  /** Closes the real socket whatever was switched off (the clean-up after a test). */
  reallyClose(): void {
    super.close();
  }

  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (!this.dropOutgoing) super.send(data);
  }

  override close(code?: number, reason?: string): void {
    if (!(this.dropIncoming && this.dropOutgoing)) super.close(code, reason);
  }
}

/** Makes every WebSocket the page opens from now on a FaultySocket. */
export function installFaultySockets(): void {
  window.WebSocket = FaultySocket;
}

/** Closes for good every socket a test broke (a silenced one would stay open at the server). */
export function closeBrokenSockets(): void {
  for (const socket of opened.splice(0)) if (socket.dropIncoming || socket.dropOutgoing) socket.reallyClose();
}
