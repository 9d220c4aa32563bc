/** The thread's composer: the draft, sending (with a cancelable `chat-send` a host can veto or
 * rewrite), Enter to send and Shift+Enter for a new line, typing notifications, and the error a
 * failed send leaves. Reply and edit modes (compose-mode.ts): the message answered or corrected shows
 * above the input; Escape or × leaves them, and the Up arrow in an empty input edits our last text
 * message. A file attached (attach.ts) goes with the draft as its caption; a voice note
 * (voice.ts, the recorder loaded on demand) replaces the input while it is recorded: the recording bar
 * after a tap, or the hold strip beside the microphone while it is held. */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import type { ChatBinding } from '../../core/binding.js';
import type { ChatMessage } from '../../model/types.js';
import { asSdkError } from '../../model/errors.js';
import { emit } from '../shared/events.js';
import { describeError } from '../shared/errors.js';
import { Attachment, CANCELLED, describeFileError } from './attach.js';
import { Uploads } from './uploads.js';
import { SealedFiles } from './sealed.js';
import { Voice } from './voice.js';
import { ComposeMode } from './compose-mode.js';

export interface ComposerHost extends ReactiveControllerHost, HTMLElement {
  binding: ChatBinding | undefined;
  /** The normalized chat JID (undefined when the peer is not a valid address). */
  readonly chatJid: string | undefined;
}

export class ComposerController implements ReactiveController {
  draft = '';
  error = '';
  readonly attachment: Attachment;
  /** The progress, cancel and retry of our files on their way (shown in their bubbles). */
  readonly uploads: Uploads;
  /** Received encrypted files, decrypted for their bubbles. */
  readonly sealed: SealedFiles;
  /** The microphone button and a voice note being recorded. */
  readonly voice: Voice;
  /** Answering or editing a message. */
  readonly mode = new ComposeMode();

  /** `messages`: the open window of the chat, oldest first (the Up arrow edits our last text in it). */
  constructor(private readonly host: ComposerHost, private readonly beforeSend: () => void,
    private readonly messages: () => readonly ChatMessage[] = () => []) {
    host.addController(this);
    this.attachment = new Attachment(host, (error) => this.showError(error));
    this.uploads = new Uploads(host, (error) => this.showError(error));
    this.sealed = new SealedFiles(host);
    this.voice = new Voice(host, (text, error) => {
      if (text === undefined) return this.showError(error);
      this.error = text;
      host.requestUpdate();
    });
  }

  hostConnected(): void {
    this.uploads.follow();
    this.sealed.follow();
    this.host.addEventListener('dragover', this.attachment.onDragOver);
    this.host.addEventListener('drop', this.attachment.onDrop);
  }

  hostDisconnected(): void {
    this.uploads.stop();
    this.voice.cancel();
    this.host.removeEventListener('dragover', this.attachment.onDragOver);
    this.host.removeEventListener('drop', this.attachment.onDrop);
  }

  /** Another chat opened: its composer starts clean of errors and of an attached file. */
  reset(): void {
    this.error = '';
    if (this.mode.editing) this.draft = this.mode.endEdit();
    this.mode.replyTo = undefined;
    this.attachment.clear();
    this.voice.cancel();
    this.uploads.follow();
    this.sealed.follow();
  }

  /** Shows why sending a file failed (or clears the error: undefined), and tells the host. An upload
   * the person cancelled (499) is their own wish: nothing is shown or told. */
  showError(error: unknown): void {
    if (error === undefined) {
      this.error = '';
    } else {
      const { statusCode, message } = asSdkError(error);
      if (statusCode === CANCELLED) return;
      this.error = describeFileError({ statusCode, message });
      emit(this.host, 'chat-error', { statusCode, message });
    }
    this.host.requestUpdate();
  }

  /** Answers `message` with the next message sent (the preview shows above the input). */
  reply(message: ChatMessage): void {
    if (this.mode.editing) this.draft = this.mode.endEdit();
    this.mode.reply(message);
    this.focusInput();
  }

  /** Puts the text of `message` (ours) in the input; sending then corrects it. */
  edit(message: ChatMessage): void {
    this.attachment.clear();
    this.draft = this.mode.edit(message, this.draft);
    this.focusInput();
  }

  /** Leaves the reply or the edit (an edit gives back the draft it replaced). */
  readonly cancelMode = () => {
    if (this.mode.editing) this.draft = this.mode.endEdit();
    this.mode.replyTo = undefined;
    this.focusInput();
  };

  private focusInput(): void {
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.focus());
  }

  private async send(): Promise<void> {
    const { binding, chatJid: peer } = this.host;
    const text = this.draft;
    const replyMessageId = this.mode.replyTo?.msgId;
    if (binding && peer && this.mode.editing) return this.sendEdit(binding, peer, this.mode.editing, text);
    if (binding && peer && this.attachment.file) {
      if (this.attachment.send(binding, peer, text, replyMessageId)) {
        this.beforeSend();
        this.draft = '';
        this.error = '';
        this.mode.replyTo = undefined;
      }
      return;
    }
    if (!binding || !peer || text.trim() === '') return;
    const event = emit(this.host, 'chat-send', { toJid: peer, text }, { cancelable: true });
    if (event.defaultPrevented) return;
    this.beforeSend();
    try {
      await binding.sendText({ toJid: peer, messageText: event.detail.text, ...(replyMessageId ? { replyMessageId } : {}) });
      this.draft = '';
      this.error = '';
      if (this.mode.replyTo?.msgId === replyMessageId) this.mode.replyTo = undefined;
    } catch (error) {
      const { statusCode, message } = asSdkError(error);
      this.error = describeError({ statusCode, message }, 'send');
      emit(this.host, 'chat-error', { statusCode, message });
    }
    this.host.requestUpdate();
  }

  /** Corrects `message` with `text` after a cancelable `chat-edit`; an unchanged text just leaves the edit. */
  private async sendEdit(binding: ChatBinding, toJid: string, message: ChatMessage, text: string): Promise<void> {
    if (text.trim() === '') return;
    if (text !== message.body) {
      const messageId = message.msgId;
      if (emit(this.host, 'chat-edit', { toJid, messageId, text }, { cancelable: true }).defaultPrevented) return;
      try {
        await binding.editMessage({ toJid, messageId, messageText: text });
      } catch (error) {
        return this.showError(error);
      }
    }
    if (this.mode.editing === message) this.draft = this.mode.endEdit();
    this.error = '';
    this.host.requestUpdate();
  }

  /** Our newest text message in the open window, when editing is on. */
  private lastOwnText(): ChatMessage | undefined {
    if (!this.host.binding?.features.editMessage) return undefined;
    const messages = this.messages();
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (m.outgoing && m.msgType === 'text' && !m.retracted && m.status !== 'failed') return m;
    }
    return undefined;
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    } else if (event.key === 'Escape' && (this.mode.editing || this.mode.replyTo)) {
      event.preventDefault();
      this.cancelMode();
    } else if (event.key === 'ArrowUp' && this.draft === '' && !this.attachment.file && !this.mode.editing) {
      const last = this.lastOwnText();
      if (!last) return;
      event.preventDefault();
      this.edit(last);
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
    const file = !!this.attachment.file;
    const recording = this.voice.session;
    const held = !!this.voice.hold;
    if (recording && !held) {
      return html`<form part="composer" @submit=${this.onSubmit}>${recording.render()}</form>
        ${this.error ? html`<p class="composer-error" role="alert">${this.error}</p>` : nothing}`;
    }
    // While the microphone is held it stays the same element in the same place (it has the pointer).
    const editing = !!this.mode.editing;
    return html`
      ${this.mode.render(this.cancelMode)}${this.attachment.renderPreview()}
      <form part="composer" @submit=${this.onSubmit}>
        ${editing ? nothing : this.attachment.renderButton()}${file || editing ? nothing : this.voice.renderButton()}${held ? this.voice.renderHold() : html`
        <label class="visually-hidden" for="input">${file ? msg('Caption') : msg('Message')}</label>
        <textarea id="input" class="field" part="input" rows="1" dir=${this.draft ? 'auto' : nothing} placeholder=${file ? msg('Add a caption') : msg('Write a message')} .value=${this.draft}
          @keydown=${this.onKeydown} @input=${this.onInput} @paste=${this.attachment.onPaste}></textarea>
        <button class="primary send" part="send" type="submit" aria-label=${msg('Send')} ?disabled=${!file && this.draft.trim() === ''}>➤</button>`}
      </form>
      ${this.error ? html`<p class="composer-error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}
