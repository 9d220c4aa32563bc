/** Attaching a file in the composer: the attach button (its picker `accept`s only the kinds the
 * deployment switched on; hidden when all four are off), a file dropped on the thread or pasted into
 * the composer, the preview strip above the input (a thumbnail of a picture, else an icon, the name and
 * size; × removes it), and sending it with the composer's text as its caption through
 * `binding.sendMedia`, after a cancelable `chat-attach` a host may veto. */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { ChatBinding } from '../../core/binding.js';
import { forbidden } from '../../model/errors.js';
import type { MediaKind } from '../../model/file-type.js';
import { emit } from '../shared/events.js';
import { describeError } from '../shared/errors.js';
import { formatSize } from '../shared/media-label.js';
import type { BindingHost } from './uploads.js';
import { docType, fileNameView } from './media-bubble.js';

/** The extensions each kind accepts (as the core's file-type rules: the reference's lists, plus what
 * a recorder makes for audio). */
const ACCEPT: Record<MediaKind, string> = {
  image: '.png,.jpg,.jpeg,.gif,.svg,image/png,image/jpeg,image/gif,image/svg+xml',
  audio: '.mp3,.mpeg,.wav,.webm,.weba,.ogg,.oga,.opus,audio/mpeg,audio/wav,audio/webm,audio/ogg',
  video: '.mp4,video/mp4',
  file: '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.csv,.txt',
};
const FLAG = { image: 'imageAttachment', audio: 'audioAttachment', video: 'videoAttachment', file: 'documentAttachment' } as const;
const KINDS = Object.keys(FLAG) as MediaKind[];
const PAPERCLIP = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9"/></svg>`;

/** The `accept` of the file picker for the kinds switched on ('' when none is). */
export function acceptFor(features: ChatBinding['features'] | undefined): string {
  return features ? KINDS.filter((k) => features[FLAG[k]]).map((k) => ACCEPT[k]).join(',') : '';
}

/** The kind a file is sent as, by its media type: image, audio, video, else a document. */
export function kindOf(file: Blob): MediaKind {
  const top = file.type.split('/')[0];
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'file';
}

/** The status of an upload the person cancelled (`cancelUpload`): not an error to show. */
export const CANCELLED = 499;

/** What a person is told when sending a file failed (file errors first, then the shared sentences;
 * '' for an upload they cancelled themselves). */
export function describeFileError(error: { statusCode: number; message: string }): string {
  switch (error.statusCode) {
    case CANCELLED: return '';
    case 413: return msg('This file is too large for the chat server.');
    case 503: return msg('This chat server does not accept files.');
    case 502: return msg('The server refused the file. Please try again.');
    case 404: return msg('This file is no longer available. Please attach it again.');
    default: return describeError(error, 'send');
  }
}

export class Attachment {
  file: File | undefined;
  private previewUrl: string | undefined;

  constructor(private readonly host: BindingHost, private readonly report: (error: unknown) => void) {}

  /** The host element's listeners for files dragged onto it. */
  readonly onDragOver = (event: DragEvent) => {
    if (!this.enabled || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    // The hint stays while the file is held over the thread (dragover repeats every few ms there).
    clearTimeout(this.dragEnd);
    this.dragEnd = setTimeout(() => this.setDragging(false), 200);
    this.setDragging(true);
  };

  readonly onDrop = (event: DragEvent) => {
    this.setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (!this.enabled || !file) return;
    event.preventDefault();
    this.take(file);
  };

  /** A file is being dragged over the thread: it shows where to drop it. */
  private dragging = false;
  private dragEnd: ReturnType<typeof setTimeout> | undefined;

  private setDragging(on: boolean): void {
    if (on === this.dragging) return;
    this.dragging = on;
    this.host.requestUpdate();
  }

  /** A file (a copied picture, a file copied in a file manager) pasted into the composer. */
  readonly onPaste = (event: ClipboardEvent) => {
    const file = event.clipboardData?.files[0];
    if (!this.enabled || !file) return;
    event.preventDefault();
    this.take(file);
  };

  private readonly onPicked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) this.take(file);
  };

  private readonly openPicker = (event: Event) => {
    ((event.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement | null)?.click();
  };

  private readonly onRemove = () => {
    this.clear();
    this.host.focus();
  };

  get enabled(): boolean {
    return acceptFor(this.host.binding?.features) !== '';
  }

  /** Shows `file` in the preview (a kind switched off is refused at once, as sending would be). */
  take(file: File): void {
    const features = this.host.binding?.features;
    if (features && !features[FLAG[kindOf(file)]]) {
      this.report(forbidden(`Sending ${kindOf(file)} files is switched off for this deployment`));
      return;
    }
    this.clear();
    this.file = file;
    this.previewUrl = kindOf(file) === 'image' ? URL.createObjectURL(file) : undefined;
    this.report(undefined);
    this.host.requestUpdate();
  }

  clear(): void {
    if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
    this.file = this.previewUrl = undefined;
    this.host.requestUpdate();
  }

  /** Sends the file in the preview with `caption` (answering `replyMessageId`, XEP-0461); false when
   * there was none or the host vetoed it.
   * The preview clears at once (the pending bubble shows the file from then on); a failure is reported. */
  send(binding: ChatBinding, chatJid: string, caption: string, replyMessageId?: string): boolean {
    const file = this.file;
    if (!file) return false;
    if (emit(this.host, 'chat-attach', { chatJid, file }, { cancelable: true }).defaultPrevented) return false;
    this.clear();
    const fileMessageParams = caption.trim() ? { file, caption } : { file };
    binding.sendMedia(kindOf(file), { toJid: chatJid, fileMessageParams, ...(replyMessageId ? { replyMessageId } : {}) }).catch(this.report);
    return true;
  }

  /** The attach button and its hidden picker (nothing when every kind is switched off). */
  renderButton() {
    const accept = acceptFor(this.host.binding?.features);
    if (!accept) return nothing;
    return html`<button class="icon-button attach" part="attach" type="button" aria-label=${msg('Attach a file')} title=${msg('Attach a file')}
      @click=${this.openPicker}>${PAPERCLIP}</button><input class="picker" type="file" accept=${accept} tabindex="-1" aria-hidden="true" hidden @change=${this.onPicked} />`;
  }

  /** The preview strip above the input (and the drop hint over the thread while a file is dragged). */
  renderPreview() {
    const hint = this.dragging ? html`<div class="drop-hint" part="drop-hint" aria-hidden="true">${msg('Drop the file to attach it')}</div>` : nothing;
    const file = this.file;
    if (!file) return hint;
    const { ext, family } = docType({ fileName: file.name, mimeType: file.type });
    // The card sits in the composer's own band, right above the input (attach-area).
    return html`${hint}<div class="attach-area"><div class="attach-preview" part="attach-preview">
      ${this.previewUrl
        ? html`<img class="preview-thumb" part="preview-thumb" src=${this.previewUrl} alt="" />`
        : html`<span class="doc-icon ${family}" aria-hidden="true">${ext}</span>`}
      <span class="doc-text">${fileNameView(file.name)}<span class="doc-size">${formatSize(file.size)}</span></span>
      <button class="icon-button remove" part="attach-remove" type="button" aria-label=${msg('Remove the file')} title=${msg('Remove the file')} @click=${this.onRemove}>×</button>
    </div></div>`;
  }
}
