/** Sending files: the reference's `sendImageMessage`, `sendAudioMessage`, `sendVideoMessage` and
 * `sendDocumentMessage`, `cancelUpload` and `resendMessage`.
 *
 * A file is checked (its name, declared type and leading bytes must agree with the kind's list; 400),
 * measured in the browser (media-detect.ts), stored as a Blob beside the outbox (so a reload while
 * offline keeps it) and shown at once as a pending message whose `media.url` is a local object URL.
 * Then, online, it is uploaded by XEP-0363 (a slot from the server's upload service, then an HTTP PUT
 * with progress), the message and its outbox entry get the real URL (`uploaded` event: a retry after a
 * reload does not upload twice), and it is sent like a text message, with the URL as body, XEP-0066
 * OOB and XEP-0446 metadata (protocol/message.ts).
 *
 * Errors: 403 the kind is switched off; 400 wrong type or empty file; 413 larger than the service's
 * `max-file-size`; 503 the server has no upload service; 502 the service refused the PUT (its HTTP
 * status in the message); 499 cancelled. These leave the message `failed` with the reason, and
 * `resendMessage` tries again. A network failure leaves it pending: it goes when the connection is back. */
import { badGateway, badRequest, notFound, SdkError, tooLarge, unavailable } from '../model/errors.js';
import type { OutboxEntry } from '../model/events.js';
import { checkFile, extensionOfFamily, sniff, type MediaKind } from '../model/file-type.js';
import { newId } from '../model/ids.js';
import { fileNameOfUrl, isSafeMediaUrl, mediaTypeOfName } from '../model/media.js';
import type { MediaMessageParams } from '../model/params.js';
import type { ChatMessage, FeatureFlags, MediaMeta } from '../model/types.js';
import { MAX_BODY_LENGTH } from '../protocol/message.js';
import { buildDiscoInfo, buildDiscoItems, buildSlotRequest, readDiscoItems, readSlot, readUploadInfo } from '../protocol/upload.js';
import { detectMedia } from './media-detect.js';
import { aesgcmUrl, encryptFile } from './media-download.js';
import type { OutboxSender } from './outbox.js';
import { requireFeature, type Services } from './services.js';
import { CancelledError, NetworkError, putFile } from './upload.js';

const FEATURES: Record<MediaKind, [keyof FeatureFlags, string]> = {
  image: ['imageAttachment', 'Sending images'],
  audio: ['audioAttachment', 'Sending audio'],
  video: ['videoAttachment', 'Sending video'],
  file: ['documentAttachment', 'Sending documents'],
};

interface UploadService {
  jid: string;
  /** Bytes; undefined when the service announces no limit. */
  maxFileSize?: number;
}

const isRemote = (url: string | undefined) => !!url && /^(https?|aesgcm):/i.test(url) && isSafeMediaUrl(url);

export class MediaSender {
  private service: Promise<UploadService | null> | null = null;
  /** Uploads under way, by message id: one at a time per message (exactly once). */
  private readonly inFlight = new Map<string, Promise<ChatMessage | undefined>>();
  /** Uploads a call waits for (by message id): kept until the call takes them, however fast they end. */
  private readonly awaited = new Map<string, Promise<ChatMessage | undefined> | null>();
  private readonly aborts = new Map<string, () => void>();
  private readonly cancelled = new Set<string>();
  /** The files of this page's pending messages (storage keeps them too, for a reload). */
  private readonly files = new Map<string, Blob>();

  constructor(private readonly s: Services, private readonly outbox: OutboxSender) {
    outbox.uploadFirst = (entry) => void this.upload(entry).catch(() => undefined);
  }

  /** A new session: the upload service is looked up again. */
  reset(): void {
    this.service = null;
  }

  /** Sends a file of one kind. Online, resolves once it is uploaded and sent (status `sent` follows
   * from the server); offline (or when the network fails during the upload), with the pending message. */
  async send(kind: MediaKind, params: MediaMessageParams): Promise<ChatMessage> {
    requireFeature(this.s.features, ...FEATURES[kind]);
    const f = params?.fileMessageParams;
    if (!f || typeof f !== 'object') throw badRequest('Pass {toJid, fileMessageParams: {file, caption?}}');
    const common = await this.outbox.check(params);
    const caption = f.caption ?? '';
    if (typeof caption !== 'string' || caption.length > MAX_BODY_LENGTH) throw badRequest(`caption must be text of at most ${MAX_BODY_LENGTH} characters`);
    const given = { fileSize: count(f.fileSize, 'fileSize'), duration: count(f.duration, 'duration'), thumbnail: thumb(f.thumbImage) };
    const base = { ...common, msgId: newId(), timestamp: Date.now(), msgType: kind, body: caption };
    if (f.fileUrl !== undefined) {
      if (typeof f.fileUrl !== 'string' || !isRemote(f.fileUrl)) throw badRequest('fileUrl must be an http(s) URL');
      const fileName = typeof f.fileName === 'string' && f.fileName ? f.fileName : fileNameOfUrl(f.fileUrl);
      const media: MediaMeta = { url: f.fileUrl, ...defined({ fileName: fileName || undefined, mimeType: mediaTypeOfName(fileName || f.fileUrl), ...given }) };
      return this.outbox.enqueue({ ...base, media });
    }
    const file = f.file;
    if (!(file instanceof Blob)) throw badRequest('fileMessageParams.file is required: the File to send (or fileUrl)');
    if (file.size === 0) throw badRequest('The file is empty: there is nothing to send');
    const family = sniff(new Uint8Array(await file.slice(0, 512).arrayBuffer()));
    const name = (typeof f.fileName === 'string' && f.fileName) || (file as Partial<File>).name
      || `${kind === 'audio' ? 'voice' : kind}-${Date.now()}.${extensionOfFamily(kind, family) ?? 'bin'}`;
    const checked = checkFile(kind, name, file.type, family);
    if ('refused' in checked) throw badRequest(checked.refused);
    if (this.s.xmpp.online) this.checkSize(await this.discover(), file.size);
    const detected = await detectMedia(kind, file);
    const { msgId } = base;
    this.files.set(msgId, file);
    await (await this.s.store()).files.saveBlob(msgId, file)
      .catch((error) => console.warn('[chat-widget] could not keep the file for after a reload:', error));
    const media: MediaMeta = {
      url: URL.createObjectURL(file), fileName: name, mimeType: checked.mimeType, fileSize: file.size,
      ...defined({ ...detected, duration: given.duration ?? detected.duration, thumbnail: given.thumbnail ?? detected.thumbnail }),
    };
    const pending = await this.awaiting(msgId, () => this.outbox.enqueue({ ...base, media, upload: { blobKey: msgId, fileName: name, mimeType: checked.mimeType, fileSize: file.size } }));
    return pending.upload ? (await pending.upload) ?? pending.result : pending.result;
  }

  /** Stops the upload of a pending message: it is then `failed` ("cancelled") and can be retried. */
  async cancel(msgId: string): Promise<void> {
    if (typeof msgId !== 'string' || !msgId) throw badRequest('Pass the id of the message whose upload to cancel');
    const entry = (await this.s.store()).pendingOutbox.find((e) => e.msgId === msgId && e.upload);
    if (!entry && !this.inFlight.has(msgId)) throw notFound(`No upload is pending for message ${msgId}`);
    this.cancelled.add(msgId);
    this.aborts.get(msgId)?.();
    if (!this.inFlight.has(msgId) && entry) await this.fail(entry, new CancelledError());
  }

  /** The reference-style retry of a failed message (any kind): pending again, uploaded if its file never
   * was, and sent. 404 unknown message or file no longer kept; 400 not failed. */
  async resend(params: { toJid: string; messageId: string }): Promise<ChatMessage> {
    const { chatJid } = await this.outbox.check({ toJid: params?.toJid });
    const store = await this.s.store();
    const account = this.s.account()!;
    const message = await store.findMessage(chatJid, account, params.messageId);
    if (!message) throw notFound(`No message of yours with id ${String(params.messageId)} in this chat`);
    if (message.status !== 'failed') throw badRequest(`Only a failed message can be sent again (this one is ${message.status})`);
    const { msgId } = message;
    const entry: OutboxEntry = {
      chatJid, msgId, timestamp: message.timestamp, msgType: message.msgType, body: message.body,
      ...defined({ media: message.media, replyTo: message.replyTo, mentionedUsersIds: message.mentionedUsersIds, forwarded: message.forwarded }),
    };
    // A reply goes again with its fallback quote (XEP-0428), taken again from the original.
    if (message.replyTo && message.msgType === 'text') {
      const { replyQuote } = await this.outbox.check({ toJid: chatJid, replyMessageId: message.replyTo.msgId }).catch(() => ({ replyQuote: undefined }));
      if (replyQuote) entry.replyQuote = replyQuote;
    }
    if (message.media && !isRemote(message.media.url)) {
      const blob = this.files.get(msgId) ?? (await store.files.loadBlob(msgId));
      if (!blob) throw notFound('The file of this message is no longer kept in this browser: send it again');
      this.files.set(msgId, blob);
      entry.upload = { blobKey: msgId, fileName: message.media.fileName ?? 'file', mimeType: message.media.mimeType ?? blob.type, fileSize: blob.size };
    }
    const { upload } = await this.awaiting(msgId, () => this.outbox.retry(entry));
    return (upload && (await upload)) || (await store.findMessage(chatJid, account, msgId))!;
  }

  /** Runs `work` and answers its result with the upload it started for `msgId`, if it started one. */
  private async awaiting<T>(msgId: string, work: () => Promise<T>): Promise<{ result: T; upload?: Promise<ChatMessage | undefined> }> {
    this.awaited.set(msgId, null);
    try {
      const result = await work();
      return { result, upload: this.awaited.get(msgId) ?? undefined };
    } finally {
      this.awaited.delete(msgId);
    }
  }

  /** Uploads an entry's file, then sends the message; one upload per message at a time. */
  upload(entry: OutboxEntry): Promise<ChatMessage | undefined> {
    let running = this.inFlight.get(entry.msgId);
    if (!running) {
      running = this.uploadNow(entry).finally(() => {
        this.inFlight.delete(entry.msgId);
        this.aborts.delete(entry.msgId);
        this.cancelled.delete(entry.msgId);
      });
      this.inFlight.set(entry.msgId, running);
      if (this.awaited.has(entry.msgId)) this.awaited.set(entry.msgId, running);
    }
    return running;
  }

  private async uploadNow(entry: OutboxEntry): Promise<ChatMessage | undefined> {
    const { msgId, chatJid, upload } = entry;
    const store = await this.s.store();
    try {
      const file = this.files.get(upload!.blobKey) ?? (await store.files.loadBlob(upload!.blobKey));
      if (!file) throw notFound('The file of this message is no longer kept in this browser: send it again');
      // encryptMedia: the service stores only the ciphertext (16 bytes longer: the GCM tag).
      const sealed = this.s.options.encryptMedia ? await encryptFile(file) : undefined;
      const blob = sealed?.cipher ?? file;
      const type = sealed ? blob.type : upload!.mimeType;
      const service = await this.discover();
      this.checkSize(service, blob.size);
      this.stopIfCancelled(msgId);
      const answer = await this.s.xmpp.sendIq(buildSlotRequest(service!.jid, newId(), { name: upload!.fileName, size: blob.size, type }));
      const slot = readSlot(answer);
      if (!slot || !/^https?:/i.test(slot.get) || !isSafeMediaUrl(slot.get)) throw badGateway('The upload service gave no usable upload slot');
      this.stopIfCancelled(msgId);
      const put = putFile(slot, blob, type, (loaded, total) => this.s.events.emit('upload', { chatJid, msgId, loaded, total }));
      this.aborts.set(msgId, () => put.abort());
      await put.done;
      const media: MediaMeta = { ...entry.media, url: sealed ? aesgcmUrl(slot.get, sealed.fragment) : slot.get };
      await this.s.apply([{ kind: 'uploaded', chatJid, msgId, media }], false);
      const local = entry.media?.url;
      if (local?.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(local), 30_000);
      this.files.delete(msgId);
      void store.files.removeBlob(upload!.blobKey).catch(() => undefined);
      const { upload: _done, ...sent } = entry;
      this.outbox.transmit([{ ...sent, media }]);
      return await store.findMessage(chatJid, this.s.account()!, msgId);
    } catch (error) {
      // The network went: the message waits in the outbox and goes when the connection is back.
      if (error instanceof NetworkError || (error instanceof SdkError && error.statusCode === 408)) return undefined;
      await this.fail(entry, error);
      throw error;
    }
  }

  private async fail(entry: OutboxEntry, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    await this.s.apply([{ kind: 'status', chatJid: entry.chatJid, fromJid: this.s.account()!, msgId: entry.msgId, status: 'failed', error: reason }], false);
    // Its file stays for a retry, with the latest few others (KEEP_FAILED_FILES).
    void (await this.s.store()).files.pruneBlobs().catch(() => undefined);
  }

  private stopIfCancelled(msgId: string): void {
    if (this.cancelled.has(msgId)) throw new CancelledError();
  }

  private checkSize(service: UploadService | null, size: number): void {
    if (!service) throw unavailable('This chat server offers no file upload service (XEP-0363): files cannot be sent');
    if (service.maxFileSize !== undefined && size > service.maxFileSize) {
      throw tooLarge(`The file is ${megabytes(size)}, over the server's limit of ${megabytes(service.maxFileSize)} (${service.maxFileSize} bytes)`);
    }
  }

  /** The server's upload service (XEP-0363 §2): an item of the domain whose disco#info has the feature. */
  private discover(): Promise<UploadService | null> {
    this.service ??= (async () => {
      const domain = this.s.options.domain;
      const items = readDiscoItems(await this.s.xmpp.sendIq(buildDiscoItems(domain, newId())));
      const infos = await Promise.all([...items, domain].map((jid) =>
        this.s.xmpp.sendIq(buildDiscoInfo(jid, newId())).then((iq) => ({ jid, ...readUploadInfo(iq) }), () => null)));
      const found = infos.find((i) => i?.upload);
      return found ? { jid: found.jid, ...(found.maxFileSize !== undefined ? { maxFileSize: found.maxFileSize } : {}) } : null;
    })();
    this.service.catch(() => {
      this.service = null;
    });
    return this.service;
  }
}

function count(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw badRequest(`${name} must be a number`);
  return n;
}

function thumb(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !(/^data:image\/[\w.+-]+;base64,/i.test(value) || isRemote(value)) || value.length > 64 * 1024) {
    throw badRequest('thumbImage must be a data:image/… URI (at most 64 KB) or an http(s) URL');
  }
  return value;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MiB`;
}

/** The object without its undefined fields. */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
