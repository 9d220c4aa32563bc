/** Our file messages on their way: the progress of each upload (the binding's `upload` events), shown
 * as a ring with a cancel button over a pending bubble's file, and the retry button of a failed message
 * of ours. The ring follows the events by itself (a directive), so the list does not re-render per event. */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { msg } from '@lit/localize';
import type { ChatBinding } from '../../core/binding.js';
import type { ChatMessage } from '../../model/types.js';

type Progress = { loaded: number; total: number };

/** The element the composer's parts work for: the thread, with its chat's binding. */
export interface BindingHost extends ReactiveControllerHost, HTMLElement {
  readonly binding: ChatBinding | undefined;
}

export class Uploads {
  private readonly progress = new Map<string, Progress>();
  private readonly listeners = new Set<(msgId: string) => void>();
  private bound: ChatBinding | undefined;
  private off: (() => void) | undefined;

  constructor(private readonly host: BindingHost, private readonly report: (error: unknown) => void) {}

  /** Listens to the host's current binding (again after it changed; none after `stop()`). */
  follow(): void {
    const binding = this.host.binding;
    if (binding === this.bound) return;
    this.stop();
    this.bound = binding;
    this.off = binding?.on('upload', ({ msgId, loaded, total }) => {
      this.progress.set(msgId, { loaded, total });
      for (const listener of this.listeners) listener(msgId);
    });
  }

  stop(): void {
    this.off?.();
    this.off = this.bound = undefined;
  }

  /** Percent of `msgId`'s file sent so far (0 before the first event). */
  percent(msgId: string): number {
    const p = this.progress.get(msgId);
    return p && p.total > 0 ? Math.min(100, Math.round((p.loaded / p.total) * 100)) : 0;
  }

  subscribe(listener: (msgId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cancel(msgId: string): void {
    this.host.binding?.cancelUpload(msgId).catch(this.report);
  }

  retry(m: ChatMessage): void {
    this.progress.delete(m.msgId);
    this.host.binding?.resendMessage({ toJid: m.chatJid, messageId: m.msgId }).catch(this.report);
  }
}

function ring(uploads: Uploads, msgId: string) {
  const pct = uploads.percent(msgId);
  return html`<div class="upload"><div class="progress" part="progress" role="progressbar" aria-label=${msg('Uploading')} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${pct}>
    <svg viewBox="0 0 36 36" aria-hidden="true"><circle class="track" cx="18" cy="18" r="16"></circle><circle class="bar" cx="18" cy="18" r="16" pathLength="100" stroke-dasharray="${pct} 100"></circle></svg></div>
    <button class="cancel-upload" part="cancel-upload" type="button" aria-label=${msg('Cancel the upload')} title=${msg('Cancel the upload')} @click=${() => uploads.cancel(msgId)}>×</button>
  </div>`;
}

class ProgressDirective extends AsyncDirective {
  private uploads?: Uploads;
  private msgId = '';
  private off?: () => void;

  render(uploads: Uploads, msgId: string) {
    if (uploads !== this.uploads || msgId !== this.msgId) {
      this.uploads = uploads;
      this.msgId = msgId;
      this.listen();
    }
    return ring(uploads, msgId);
  }

  private listen(): void {
    this.off?.();
    const { uploads, msgId } = this;
    this.off = uploads?.subscribe((id) => id === msgId && this.setValue(ring(uploads, msgId)));
  }

  protected override disconnected(): void {
    this.off?.();
    this.off = undefined;
  }

  protected override reconnected(): void {
    this.listen();
  }
}

const progressRing = directive(ProgressDirective);

/** Whether a message of ours still has its file to upload (its media is the local object URL). */
export function isUploading(m: ChatMessage): boolean {
  return m.outgoing && m.status === 'pending' && !!m.media && !/^https?:/i.test(m.media.url);
}

/** The controls of a message of ours on its way: the ring and cancel while uploading, retry when failed. */
export function renderUploadControls(m: ChatMessage, uploads: Uploads | undefined) {
  if (!uploads || !m.outgoing) return nothing;
  if (isUploading(m)) return progressRing(uploads, m.msgId);
  if (m.status === 'failed' && m.media) {
    return html`<button class="retry" part="retry" type="button" @click=${() => uploads.retry(m)}>${msg('Retry')}</button>`;
  }
  return nothing;
}
