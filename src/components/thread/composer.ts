/** The thread's composer: the draft, sending (with a cancelable `chat-send` a host can veto or
 * rewrite), Enter to send and Shift+Enter for a new line, typing notifications, and the error a
 * failed send leaves. */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import type { ChatBinding } from '../../core/binding.js';
import { asSdkError } from '../../model/errors.js';
import { emit } from '../shared/events.js';
import { describeError } from '../shared/errors.js';

export interface ComposerHost extends ReactiveControllerHost, HTMLElement {
  binding: ChatBinding | undefined;
  /** The normalized chat JID (undefined when the peer is not a valid address). */
  readonly chatJid: string | undefined;
}

export class ComposerController implements ReactiveController {
  draft = '';
  error = '';

  constructor(private readonly host: ComposerHost, private readonly beforeSend: () => void) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Another chat opened: its composer starts clean of errors. */
  reset(): void {
    this.error = '';
    this.host.requestUpdate();
  }

  private async send(): Promise<void> {
    const { binding, chatJid: peer } = this.host;
    const text = this.draft;
    if (!binding || !peer || text.trim() === '') return;
    const event = emit(this.host, 'chat-send', { toJid: peer, text }, { cancelable: true });
    if (event.defaultPrevented) return;
    this.beforeSend();
    try {
      await binding.sendText({ toJid: peer, messageText: event.detail.text });
      this.draft = '';
      this.error = '';
    } catch (error) {
      const { statusCode, message } = asSdkError(error);
      this.error = describeError({ statusCode, message }, 'send');
      emit(this.host, 'chat-error', { statusCode, message });
    }
    this.host.requestUpdate();
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    }
  };

  private readonly onInput = (event: InputEvent) => {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.host.requestUpdate();
    const { binding, chatJid: peer } = this.host;
    if (peer && binding?.connectionState === 'connected') {
      const action = this.draft.trim() ? binding.sendTyping(peer) : binding.sendTypingGone(peer);
      action.catch(() => undefined);
    }
  };

  private readonly onSubmit = (event: Event) => {
    event.preventDefault();
    void this.send();
  };

  render() {
    return html`
      <form part="composer" @submit=${this.onSubmit}>
        <label class="visually-hidden" for="input">${msg('Message')}</label>
        <textarea id="input" class="field" part="input" rows="1" dir=${this.draft ? 'auto' : nothing} placeholder=${msg('Write a message')} .value=${this.draft}
          @keydown=${this.onKeydown} @input=${this.onInput}></textarea>
        <button class="primary send" part="send" type="submit" aria-label=${msg('Send')} ?disabled=${this.draft.trim() === ''}>➤</button>
      </form>
      ${this.error ? html`<p class="composer-error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}
