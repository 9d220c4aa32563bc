/** A <chat-launcher>'s automatic notifications, its notification sound and the unread count in the page
 * title: a controller the launcher loads on demand (`import('../shared/notifier.js')`) once one of them
 * can be needed (permission already granted, `notification-sound` or `title-unread` set, the bell
 * clicked). A <chat-list> on its own (no launcher around it) gives itself one too once permission is
 * granted, for its bell's promise (notifications only; a click on one opens the chat as its row does).
 * It never asks for permission (only the list's bell does, on a click).
 *
 * A new message notifies when it is a peer's (not ours, not a carbon of ours), new (not catch-up older
 * than MAX_AGE_MS), of a chat that is not muted, and not in view: the page is hidden, the panel closed,
 * or another chat open in it (a list on its own: the page is hidden; on a visible page its row shows
 * it). Each first sends the cancelable `chat-notify` event (a host may veto it, or show its own); then
 * a browser notification (when permission is granted; one per chat, the chat's JID as tag; a click
 * brings the page forward and opens the chat) and, with `notification-sound`, a short tone. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatBinding } from '../../core/binding.js';
import type { ChatMessage } from '../../model/types.js';
import { showNotification } from '../../sdk/notification.js';
import { emit } from './events.js';
import { displayName, formatCount } from './format.js';
import { previewLine } from './media-label.js';

/** A message older than this when it arrives (catch-up after being offline) notifies nobody. */
const MAX_AGE_MS = 2 * 60_000;

/** What the controller needs of its launcher (or of a <chat-list> on its own). */
export interface NotifyHost extends HTMLElement, ReactiveControllerHost {
  readonly binding?: ChatBinding;
  /** A launcher's: whether its panel is open (its <chat-thread>'s chat is in view). Absent (a list on its
   * own): every chat is in view while the page is. */
  readonly open?: boolean;
  readonly notificationSound?: boolean;
  readonly titleUnread?: boolean;
  /** Opens the panel (a list: sends `chat-open`) on a chat. */
  show(chatJid?: string): void;
}

const attached = new WeakMap<NotifyHost, Notifier>();
/** Messages notified on this page (account, chat, id). */
const notified = new Set<string>();

/** Gives `host` its notifier (once). */
export function notifier(host: NotifyHost): void {
  if (!attached.has(host)) attached.set(host, new Notifier(host));
}

type AudioCtor = new () => AudioContext;
const GESTURES = ['pointerdown', 'keydown'] as const;

class Notifier implements ReactiveController {
  private binding?: ChatBinding;
  private off?: () => void;
  private audio?: AudioContext;
  /** A user gesture happened on the page: audio may play. */
  private gestured = !!(navigator as { userActivation?: { hasBeenActive: boolean } }).userActivation?.hasBeenActive;
  /** The title as the page set it, and the one this controller showed (undefined: none). */
  private baseTitle = '';
  private shownTitle?: string;

  constructor(private readonly host: NotifyHost) {
    host.addController(this);
    host.requestUpdate();
  }

  hostConnected(): void {
    for (const type of GESTURES) document.addEventListener(type, this.onGesture, true);
  }

  hostDisconnected(): void {
    for (const type of GESTURES) document.removeEventListener(type, this.onGesture, true);
    this.follow(undefined);
    this.showUnread(0);
  }

  hostUpdated(): void {
    if (!this.host.isConnected) return;
    this.follow(this.host.binding);
    this.showUnread(this.host.titleUnread ? (this.binding?.totalUnread ?? 0) : 0);
  }

  private follow(binding: ChatBinding | undefined): void {
    if (binding === this.binding) return;
    this.off?.();
    this.binding = binding;
    this.off = binding?.on('message', (m) => this.onMessage(m));
  }

  /** "(3) Title" while `count` > 0; the page's own title back at 0 (a title the page set meanwhile is kept). */
  private showUnread(count: number): void {
    if (document.title !== this.shownTitle) this.baseTitle = document.title;
    if (count <= 0 && this.shownTitle === undefined) return;
    this.shownTitle = count > 0 ? `(${formatCount(count)}) ${this.baseTitle}` : undefined;
    document.title = this.shownTitle ?? this.baseTitle;
  }

  private onMessage(m: ChatMessage): void {
    const { host, binding } = this;
    if (!binding?.features.notifications || m.outgoing || Date.now() - m.timestamp > MAX_AGE_MS) return;
    if (binding.recentChat(m.chatJid)?.isMuted) return;
    const thread = host.shadowRoot?.querySelector<HTMLElement & { peer?: string }>('chat-thread');
    // In view: the page is visible and the launcher's panel shows the chat, or its list (whose row shows it).
    if (!document.hidden && (host.open === undefined || host.open && (!thread || thread.peer === m.chatJid))) return;
    const permitted = (globalThis as { Notification?: typeof Notification }).Notification?.permission === 'granted';
    if (!permitted && !host.notificationSound) return;
    // Once per page: a launcher and a list of the same account both hear the message.
    const key = `${binding.account}|${m.chatJid}|${m.msgId}`;
    if (notified.has(key)) return;
    if (notified.size > 200) notified.clear();
    notified.add(key);
    if (emit(host, 'chat-notify', { message: m }, { cancelable: true }).defaultPrevented) return;
    if (host.notificationSound) this.tone();
    if (!permitted) return;
    try {
      showNotification(binding.features, {
        title: displayName(m.chatJid), body: previewLine({ ...m, fileName: m.media?.fileName }), tag: m.chatJid,
        onClick: () => host.show(m.chatJid),
      });
    } catch (error) {
      console.warn('chat-widget: could not show a notification', error);
    }
  }

  private readonly onGesture = (): void => {
    this.gestured = true;
    if (this.host.notificationSound) void this.context()?.resume().catch(() => undefined);
  };

  /** The page's AudioContext, made (or resumed) only after a user gesture: browsers allow sound then. */
  private context(): AudioContext | undefined {
    const Ctor = (globalThis as { AudioContext?: AudioCtor; webkitAudioContext?: AudioCtor }).AudioContext
      ?? (globalThis as { webkitAudioContext?: AudioCtor }).webkitAudioContext;
    if (!this.gestured || !Ctor) return undefined;
    return (this.audio ??= new Ctor());
  }

  /** A short soft tone (880 Hz, 10 ms attack, gone after 0.3 s): made here, no sound file. */
  private tone(): void {
    const ctx = this.context();
    if (!ctx) return;
    try {
      const t = ctx.currentTime;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.15, t + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.32);
    } catch {
      // No sound this time (an audio device gone): the notification still shows.
    }
  }
}
