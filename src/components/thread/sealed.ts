/** Encrypted files received as `aesgcm://` links (XEP-0454, what OMEMO clients send): fetched and
 * decrypted in the browser through the binding's `downloadMedia`, then shown like any other file from a
 * `blob:` URL of our own making. Pictures up to `AUTO_BYTES` decrypt as soon as their bubble shows;
 * voice notes, videos and documents when the user asks (a document is then saved at once).
 *
 * The decrypted Blob is typed by us, never by the file's server: a raster picture, audio or video keeps
 * the sender's media type when it is one of those, anything else (documents, SVG) becomes
 * `application/octet-stream`, so that a `blob:` URL opened in a tab can never be a page (HTML or SVG)
 * running in the host's origin. Object URLs are kept for the `KEEP` most recently used files and
 * revoked after; all of them when the thread follows another account. */
import { html, nothing } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { msg } from '@lit/localize';
import { asSdkError } from '../../model/errors.js';
import type { ChatMessage } from '../../model/types.js';
import type { ChatBinding } from '../../core/binding.js';
import type { BindingHost } from './uploads.js';

export type Sealed =
  | { state: 'idle' | 'loading' }
  | { state: 'ready'; url: string }
  | { state: 'failed'; error: string };

/** Pictures this size or smaller (or of unknown size) decrypt without a click, in bytes. */
export const AUTO_BYTES = 8 * 1024 * 1024;
const KEEP = 40;
const SHOWABLE = /^(image\/(png|jpeg|gif|webp|avif|bmp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/** The type the decrypted Blob gets (see the module comment). */
export function safeType(m: ChatMessage): string {
  const type = (m.media?.mimeType ?? '').toLowerCase();
  return m.msgType !== 'file' && SHOWABLE.test(type) && type.startsWith(m.msgType === 'image' ? 'image/' : m.msgType) ? type : 'application/octet-stream';
}

export class SealedFiles {
  private readonly files = new Map<string, Sealed>();
  private readonly listeners = new Set<(url: string) => void>();
  private bound: ChatBinding | undefined;

  constructor(private readonly host: BindingHost) {}

  /** Follows the host's current binding; another account's files are forgotten (and revoked). */
  follow(): void {
    if (this.host.binding === this.bound) return;
    this.bound = this.host.binding;
    for (const [url, file] of this.files) {
      if (file.state === 'ready') URL.revokeObjectURL(file.url);
      this.files.delete(url);
    }
  }

  get(url: string): Sealed {
    const file = this.files.get(url);
    if (file?.state === 'ready') {
      this.files.delete(url); // most recently used last
      this.files.set(url, file);
    }
    return file ?? { state: 'idle' };
  }

  subscribe(listener: (url: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Decrypts `m`'s file unless it is done or on its way; resolves with its object URL, or undefined
   * when it failed (the bubble then says why and offers another try). */
  async open(m: ChatMessage): Promise<string | undefined> {
    const url = m.media?.url ?? '';
    const known = this.get(url);
    if (known.state === 'ready') return known.url;
    if (known.state === 'loading' || !this.bound) return undefined;
    const binding = this.bound;
    this.set(url, { state: 'loading' });
    try {
      const { blob, objectUrl } = await binding.downloadMedia(url);
      URL.revokeObjectURL(objectUrl);
      const typed = URL.createObjectURL(new Blob([blob], { type: safeType(m) }));
      if (binding !== this.bound) {
        URL.revokeObjectURL(typed);
        return undefined;
      }
      this.set(url, { state: 'ready', url: typed });
      this.evict();
      return typed;
    } catch (error) {
      this.set(url, { state: 'failed', error: asSdkError(error).message });
      return undefined;
    }
  }

  private set(url: string, file: Sealed): void {
    this.files.delete(url);
    this.files.set(url, file);
    for (const listener of this.listeners) listener(url);
  }

  private evict(): void {
    const ready = [...this.files].filter(([, f]) => f.state === 'ready');
    for (const [url, file] of ready.slice(0, Math.max(0, ready.length - KEEP))) {
      if (file.state === 'ready') URL.revokeObjectURL(file.url);
      this.set(url, { state: 'idle' });
    }
  }
}

/** Saves a decrypted document under its own name. */
function save(objectUrl: string, fileName: string | undefined): void {
  const a = document.createElement('a');
  a.href = objectUrl;
  a.download = fileName || 'file';
  a.rel = 'noopener';
  a.click();
}

type Render = (m: ChatMessage, objectUrl: string) => unknown;
type Card = (m: ChatMessage, status: unknown, action: unknown) => unknown;

export class SealedDirective extends AsyncDirective {
  private files?: SealedFiles;
  private message?: ChatMessage;
  private shown?: Render;
  private card?: Card;
  private off?: () => void;

  /** `shown`: the bubble's file from the decrypted object URL; `card`: the document-style card with a
   * status line and an action button, for every state before that. */
  render(files: SealedFiles, m: ChatMessage, shown: Render, card: Card) {
    const changed = files !== this.files || m.media?.url !== this.message?.media?.url;
    Object.assign(this, { files, message: m, shown, card });
    if (changed) this.listen();
    return this.view();
  }

  private view() {
    const { files, message: m, shown, card } = this;
    if (!files || !m || !shown || !card) return nothing;
    const file = files.get(m.media!.url);
    if (file.state === 'ready') return shown(m, file.url);
    const auto = m.msgType === 'image' && (m.media!.fileSize ?? 0) <= AUTO_BYTES;
    if (file.state === 'idle' && auto && this.isConnected) queueMicrotask(() => void files.open(m));
    const open = async () => {
      const url = await files.open(m);
      if (url && m.msgType === 'file') save(url, m.media!.fileName);
    };
    const label = m.msgType === 'file' ? msg('Download') : m.msgType === 'image' ? msg('Show') : msg('Play');
    switch (file.state) {
      case 'loading':
        return card(m, msg('Decrypting…'), nothing);
      case 'failed':
        return card(m, html`<span class="sealed-error" part="error" role="alert">${file.error}</span>`,
          html`<button class="sealed-open" part="decrypt" type="button" @click=${open}>${msg('Try again')}</button>`);
      default:
        return card(m, msg('Encrypted file'), html`<button class="sealed-open" part="decrypt" type="button" @click=${open}>${label}</button>`);
    }
  }

  private listen(): void {
    this.off?.();
    const url = this.message?.media?.url;
    this.off = this.files?.subscribe((changed) => changed === url && this.setValue(this.view()));
  }

  protected override disconnected(): void {
    this.off?.();
    this.off = undefined;
  }

  protected override reconnected(): void {
    this.listen();
    this.setValue(this.view());
  }
}

/** The bubble's file for an encrypted `aesgcm://` message (see the module comment). */
export const sealedMedia = directive(SealedDirective);
