/** What the thread's bubbles are rendered with: the scroller's item renderer, the reply originals it
 * previews (reply.ts), the context of the bubble extras (extras.ts) and the jump to a message with its
 * highlight (jump.ts). The renderer is a new function whenever the bubbles on screen must render again:
 * the language changed (times, day names, status labels), another message became the one in the tab
 * order, reply originals arrived, or a highlight came or went. */
import { nothing } from 'lit';
import type { ChatMessage } from '../../model/types.js';
import type { ChatBinding } from '../../core/binding.js';
import { localeGeneration } from '../shared/localize.js';
import { renderItem, type Item, type ThreadFiles } from './bubble.js';
import { ReplyOriginals } from './reply.js';
import { bubbleContext } from './extras.js';
import { jumpTo, type JumpView } from './jump.js';

/** The thread as its bubbles see it. */
export interface BubbleHost extends HTMLElement {
  readonly binding?: ChatBinding;
  readonly chatJid: string | undefined;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

/** How to find and centre a message: JumpView's, with the thread's own older-page loading (`loadOlder`:
 * one page, nothing while one is on its way, `loadingOlder`). */
export type ThreadJumpView = Omit<JumpView, 'highlight' | 'loadOlder'> & { loadOlder: () => Promise<void>; loadingOlder: () => boolean };

/** The virtualizer can ask for a key of a range it computed before the items shrank (another chat opened). */
export const keyOf = (item: Item | undefined) => item?.key ?? '';

export class BubbleView {
  readonly originals: ReplyOriginals;
  /** What every bubble is rendered with (reply originals, the highlight, the selection). */
  readonly ctx;
  private key = '';
  private generation = 0;
  /** The scroller's `renderItem` (undefined: a stale range, see keyOf). */
  renderer = (item: Item | undefined) => (item ? renderItem(item, this.files, this.ctx, '') : nothing);

  /** `messages`: the thread's open window; `view`: how to find and centre a message (jumpTo). */
  constructor(private readonly host: BubbleHost, private readonly files: ThreadFiles,
    messages: () => readonly ChatMessage[], private readonly view: ThreadJumpView) {
    this.originals = new ReplyOriginals(() => host.binding, () => host.chatJid, messages, () => this.renew());
    this.ctx = bubbleContext(host, this.originals, (msgId) => void this.jumpTo(msgId));
  }

  /** Before the thread renders: a new renderer when the language, the message in the tab order
   * (`tabStop`, its key) or the generation changed. */
  update(tabStop: string): void {
    const key = `${localeGeneration()} ${tabStop} ${this.generation}`;
    if (this.key === key) return;
    this.key = key;
    this.renderer = (item: Item | undefined) => (item ? renderItem(item, this.files, this.ctx, tabStop) : nothing);
  }

  /** Scrolls to the message with `msgId` (loading older history until it is there, up to MAX_PAGES
   * pages) and highlights it for a moment; resolves to whether it was found. */
  jumpTo(msgId: string): Promise<boolean> {
    const { loadOlder, loadingOlder, ...view } = this.view;
    return jumpTo({
      ...view,
      // A page already on its way (the reader scrolled up) is waited for first; resolves once rendered.
      loadOlder: async () => {
        for (let i = 0; loadingOlder() && i < 200; i++) await new Promise((r) => setTimeout(r, 25));
        await loadOlder();
        await this.host.updateComplete;
      },
      highlight: (id) => {
        this.ctx.highlighted = id;
        this.renew();
      },
    }, msgId);
  }

  /** The bubbles on screen render again. */
  renew(): void {
    this.generation++;
    this.host.requestUpdate();
  }
}
