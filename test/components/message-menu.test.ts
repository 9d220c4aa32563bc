/** The message menu (issue 9): opened by the bubble's button, right-click, a long press and the
 * keyboard; its items per feature flag and per own or received message; the cancelable events before
 * each action; the delete confirmation; copying; reactions. The core's actions are stubbed on the
 * client (the binding calls them through), so each test sees the exact parameters. */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatClient } from '../../src/core/client.js';
import type { FeatureFlags } from '../../src/model/types.js';
import type { StoreEvent } from '../../src/model/events.js';
import { LONG_PRESS_MS } from '../../src/components/thread/menu-triggers.js';
import type { ChatEventMap } from '../../src/components/shared/events.js';
import { message, threadWith, until, nextFrame, offlineClient, providerFor, mountThread, PEER, ME } from './fixtures.js';

const mine = (i: number, body = `mine ${i}`, extra: Parameters<typeof message>[1] = {}) =>
  message(i, { msgId: `o${i}`, fromJid: ME, toJid: PEER, outgoing: true, status: 'delivered', body, stanzaId: undefined, ...extra });

type Calls = Record<string, unknown[]>;

/** A thread over `events` whose client records the calls of the issue-9 actions in `calls`. */
async function open(events: StoreEvent[], features: FeatureFlags = {}) {
  const calls: Calls = {};
  let client!: ChatClient;
  const record = (name: string) => async (params?: unknown) => {
    (calls[name] ??= []).push(params);
    return undefined as never;
  };
  const thread = await threadWith(events, (c) => {
    client = c;
    Object.assign(c.features, features);
    for (const name of ['updateFavouriteStatus', 'sendReaction', 'deleteMessagesForMe', 'deleteMessagesForEveryone', 'editMessage', 'sendText', 'sendMedia'] as const) {
      (c as unknown as Record<string, unknown>)[name] = record(name);
    }
  });
  return { thread, client, calls };
}

const $ = <T extends Element = HTMLElement>(thread: ChatThread, selector: string) => thread.shadowRoot!.querySelector<T>(selector);
const rowWith = (thread: ChatThread, text: string) =>
  [...thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row')].find((r) => r.querySelector('.bubble')!.textContent!.includes(text))!;
const menuOf = (thread: ChatThread) => $(thread, '[role="menu"]');
const labels = (thread: ChatThread) => [...menuOf(thread)!.querySelectorAll('.menu-item')].map((b) => b.textContent!.trim()).join(', ');
const focused = (thread: ChatThread) => thread.shadowRoot!.activeElement as HTMLElement | null;

async function openMenu(thread: ChatThread, text: string) {
  rowWith(thread, text).querySelector<HTMLElement>('.menu-button')!.click();
  return until(() => menuOf(thread), 'the menu');
}

async function choose(thread: ChatThread, label: string) {
  const item = [...menuOf(thread)!.querySelectorAll<HTMLElement>('[role^="menuitem"]')]
    .find((b) => b.getAttribute('aria-label') === label || b.textContent!.trim().endsWith(label));
  if (!item) throw new Error(`no "${label}" in the menu: ${labels(thread)}`);
  item.click();
  await thread.updateComplete;
}

/** Calls `fn` with each event of `type` the page hears from now on; returns the unsubscribe. */
function onEvent<K extends keyof ChatEventMap>(type: K, fn: (e: ChatEventMap[K]) => void) {
  const listener = (e: Event) => fn(e as ChatEventMap[K]);
  document.addEventListener(type, listener);
  return () => document.removeEventListener(type, listener);
}

describe('the message menu', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('opens from the bubble\'s button with every action for our own text, and is accessible', async () => {
    const { thread } = await open([message(1), mine(2)]);
    const menu = await openMenu(thread, 'mine 2');
    expect(menu.getAttribute('aria-label')).to.equal('Message actions');
    expect(labels(thread)).to.equal('↩Reply, ↪Forward, ☑Select, ☆Star, ❐Copy text, ✎Edit, 🗑Delete for me, 🗑Delete for everyone');
    expect(menu.querySelectorAll('[role="menuitemcheckbox"]').length).to.equal(6);
    // Focus is on the first item.
    expect(focused(thread)!.getAttribute('role')).to.equal('menuitemcheckbox');
    await expect(thread).to.be.accessible();
  });

  it('the menu button sits beside its bubble at its middle, the reactions under it; no item looks like a reply preview', async () => {
    const { thread } = await open([message(1, { reactions: { [ME]: ['👍'] } }), mine(2), mine(3, 'mine 3', { reactions: { [PEER]: ['❤️'] } })]);
    for (const text of ['message 1', 'mine 3']) {
      const row = rowWith(thread, text);
      const bubble = row.querySelector('.bubble')!.getBoundingClientRect();
      const button = row.querySelector('.menu-button')!.getBoundingClientRect();
      const reactions = row.querySelector('.reactions')!.getBoundingClientRect();
      const outgoing = row.classList.contains('out');
      expect(outgoing ? button.right <= bubble.left + 1 : button.left >= bubble.right - 1, `${text}: the button beside the bubble`).to.equal(true);
      expect(Math.abs((button.top + button.bottom) / 2 - (bubble.top + bubble.bottom) / 2) < 2, `${text}: at its middle`).to.equal(true);
      expect(reactions.top >= bubble.bottom - 1, `${text}: the reactions under the bubble`).to.equal(true);
      expect(outgoing ? Math.abs(reactions.right - bubble.right) < 8 : Math.abs(reactions.left - bubble.left) < 8, `${text}: on its side`).to.equal(true);
    }
    await openMenu(thread, 'mine 2');
    const reply = menuOf(thread)!.querySelector<HTMLElement>('[data-action="reply"]')!;
    expect(getComputedStyle(reply).borderInlineStartStyle).to.equal('none');
    expect(getComputedStyle(reply).fontSize).to.equal(getComputedStyle(menuOf(thread)!.querySelector<HTMLElement>('[data-action="forward"]')!).fontSize);
  });

  it('a received message has no Edit and no Delete for everyone; a starred one offers Unstar', async () => {
    const { thread } = await open([message(1, { favourite: true })]);
    await openMenu(thread, 'message 1');
    expect(labels(thread)).to.equal('↩Reply, ↪Forward, ☑Select, ★Unstar, ❐Copy text, 🗑Delete for me');
  });

  it('each action whose feature is off is absent', async () => {
    const { thread } = await open([mine(1)], { reply: false, forward: false, favouriteMessage: false, editMessage: false, reactions: false });
    await openMenu(thread, 'mine 1');
    expect(labels(thread)).to.equal('❐Copy text, 🗑Delete for me, 🗑Delete for everyone');
    expect(menuOf(thread)!.querySelectorAll('.menu-emoji').length).to.equal(0);
    document.querySelectorAll('body > div').forEach((d) => d.remove());
    const second = await open([mine(1)], { deleteMessage: false });
    await openMenu(second.thread, 'mine 1');
    expect(labels(second.thread)).to.equal('↩Reply, ↪Forward, ☑Select, ☆Star, ❐Copy text, ✎Edit');
  });

  it('opens on right-click at the pointer, instead of the browser\'s menu', async () => {
    const { thread } = await open([message(1)]);
    const bubble = rowWith(thread, 'message 1').querySelector('.bubble')!;
    const box = bubble.getBoundingClientRect();
    const event = new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true, clientX: box.left + 5, clientY: box.top + 5 });
    bubble.dispatchEvent(event);
    expect(event.defaultPrevented).to.equal(true);
    const menu = await until(() => menuOf(thread), 'the menu');
    await thread.updateComplete;
    // Placed inside the thread, at the pointer or flipped above it.
    const placed = menu.getBoundingClientRect();
    const host = thread.getBoundingClientRect();
    expect(placed.left >= host.left && placed.right <= host.right && placed.top >= host.top && placed.bottom <= host.bottom).to.equal(true);
  });

  it('opens on a long press of a finger, and the click that ends it opens nothing else', async () => {
    const { thread } = await open([message(1)]);
    const bubble = rowWith(thread, 'message 1').querySelector('.bubble')!;
    const box = bubble.getBoundingClientRect();
    const at = { clientX: box.left + 5, clientY: box.top + 5, bubbles: true, composed: true, cancelable: true, pointerType: 'touch', isPrimary: true };
    bubble.dispatchEvent(new PointerEvent('pointerdown', at));
    await until(() => menuOf(thread), 'the menu after a long press', LONG_PRESS_MS * 4);
    bubble.dispatchEvent(new PointerEvent('pointerup', at));
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    bubble.dispatchEvent(click);
    expect(click.defaultPrevented).to.equal(true);
  });

  it('a finger that moves (a scroll) opens no menu', async () => {
    const { thread } = await open([message(1)]);
    const bubble = rowWith(thread, 'message 1').querySelector('.bubble')!;
    const box = bubble.getBoundingClientRect();
    const at = (dy: number) => ({ clientX: box.left + 5, clientY: box.top + 5 + dy, bubbles: true, composed: true, pointerType: 'touch', isPrimary: true });
    bubble.dispatchEvent(new PointerEvent('pointerdown', at(0)));
    bubble.dispatchEvent(new PointerEvent('pointermove', at(30)));
    await new Promise((r) => setTimeout(r, LONG_PRESS_MS + 200));
    expect(!!menuOf(thread)).to.equal(false);
  });

  it('works from the keyboard: a message in the tab order, arrows between messages, Enter, arrows in the menu, Escape back', async () => {
    const { thread } = await open([message(1), message(2), mine(3)]);
    const rows = [...thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row')];
    // One message in the tab order: the newest.
    expect(rows.map((r) => r.tabIndex).join()).to.equal('-1,-1,0');
    rows[2].focus();
    await sendKeys({ press: 'ArrowUp' });
    await until(() => focused(thread)?.textContent?.includes('message 2'), 'the previous message focused');
    await thread.updateComplete;
    expect(rowWith(thread, 'message 2').tabIndex).to.equal(0);
    await sendKeys({ press: 'Enter' });
    await until(() => menuOf(thread), 'the menu');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(thread)!.textContent!.trim()).to.equal('🗑Delete for me');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(thread)!.textContent!.trim()).to.equal('👍');
    await sendKeys({ press: 'Escape' });
    await until(() => !menuOf(thread) && focused(thread)?.textContent?.includes('message 2'), 'focus back on the message');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'F10' });
    await sendKeys({ up: 'Shift' });
    await until(() => menuOf(thread), 'the menu from Shift+F10');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await until(() => $(thread, 'dialog.confirm[open]'), 'Enter on "Delete for me" asks to confirm');
  });

  it('Home focuses the first loaded message even when the virtualizer has not rendered it', async () => {
    const client = await offlineClient();
    await client.store!.dispatch(Array.from({ length: 60 }, (_, i) => message(i)));
    const thread = mountThread(providerFor(client));
    const newest = await until(() => rowWith(thread, 'message 59'), 'the newest message');
    await nextFrame();
    expect(!!rowWith(thread, 'message 10')).to.equal(false);
    newest.focus();
    await sendKeys({ press: 'Home' });
    const number = () => Number(focused(thread)?.querySelector('.text')?.textContent?.match(/^message (\d+)$/)?.[1] ?? NaN);
    await until(() => number() <= 10, 'the first loaded message focused');
    expect(number() <= 10).to.equal(true);
  });

  it('star: a cancelable chat-favourite, then updateFavouriteStatus', async () => {
    const { thread, calls } = await open([message(1)]);
    const stop = onEvent('chat-favourite', (e) => e.preventDefault());
    await openMenu(thread, 'message 1');
    await choose(thread, 'Star');
    stop();
    expect(calls.updateFavouriteStatus).to.equal(undefined);
    await openMenu(thread, 'message 1');
    await choose(thread, 'Star');
    await until(() => calls.updateFavouriteStatus, 'the call');
    expect(JSON.stringify(calls.updateFavouriteStatus)).to.equal(JSON.stringify([{ toJid: PEER, messageId: 'm1', isFavourite: true }]));
  });

  it('react: a quick emoji toggles ours, "+" takes any emoji; chat-react can veto', async () => {
    const { thread, calls } = await open([message(1, { reactions: { [ME]: ['👍'], [PEER]: ['😂'] } })]);
    await openMenu(thread, 'message 1');
    expect(menuOf(thread)!.querySelector('[aria-checked="true"]')!.textContent).to.equal('👍');
    await choose(thread, '👍');
    await openMenu(thread, 'message 1');
    await choose(thread, '❤️');
    await openMenu(thread, 'message 1');
    await choose(thread, 'More reactions');
    const input = await until(() => $<HTMLInputElement>(thread, 'input#emoji'), 'the emoji field');
    input.value = 'not one';
    input.form!.requestSubmit();
    expect(input.validationMessage).to.equal('Type one emoji');
    input.value = '🦊';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    input.form!.requestSubmit();
    await until(() => calls.sendReaction?.length === 3, 'three reactions sent');
    expect(JSON.stringify(calls.sendReaction!.map((c) => (c as { emojis: string[] }).emojis))).to.equal(JSON.stringify([[], ['👍', '❤️'], ['👍', '🦊']]));
    const stop = onEvent('chat-react', (e) => e.preventDefault());
    await openMenu(thread, 'message 1');
    await choose(thread, '🙏');
    stop();
    await nextFrame();
    expect(calls.sendReaction!.length).to.equal(3);
  });

  it('delete for everyone asks first; Cancel keeps it, confirming calls the binding; chat-delete can veto', async () => {
    const { thread, calls } = await open([mine(1)]);
    await openMenu(thread, 'mine 1');
    await choose(thread, 'Delete for everyone');
    const dialog = await until(() => $<HTMLDialogElement>(thread, 'dialog.confirm[open]'), 'the confirmation');
    expect(dialog.querySelector('h2')!.textContent).to.equal('Delete for everyone?');
    expect(focused(thread)!.textContent).to.equal('Cancel');
    await expect(thread).to.be.accessible();
    dialog.querySelector<HTMLElement>('.cancel')!.click();
    await thread.updateComplete;
    expect(!!$(thread, 'dialog.confirm')).to.equal(false);
    await until(() => focused(thread)?.classList.contains('row'), 'focus back on the message');

    const details: string[] = [];
    const stop = onEvent('chat-delete', (e) => {
      details.push(JSON.stringify(e.detail));
      e.preventDefault();
    });
    await openMenu(thread, 'mine 1');
    await choose(thread, 'Delete for everyone');
    (await until(() => $(thread, 'dialog.confirm [part="confirm-delete"]'), 'the button')).click();
    stop();
    expect(details.join()).to.equal(JSON.stringify({ toJid: PEER, messageIds: ['o1'], forEveryone: true }));
    expect(calls.deleteMessagesForEveryone).to.equal(undefined);

    await openMenu(thread, 'mine 1');
    await choose(thread, 'Delete for everyone');
    (await until(() => $(thread, 'dialog.confirm [part="confirm-delete"]'), 'the button')).click();
    await until(() => calls.deleteMessagesForEveryone, 'the call');
    expect(JSON.stringify(calls.deleteMessagesForEveryone)).to.equal(JSON.stringify([{ toJid: PEER, messageIds: ['o1'] }]));
    expect(calls.deleteMessagesForMe).to.equal(undefined);
  });

  it('delete for me, confirmed (Escape cancels)', async () => {
    const { thread, calls } = await open([message(1)]);
    await openMenu(thread, 'message 1');
    await choose(thread, 'Delete for me');
    await until(() => $(thread, 'dialog.confirm[open]'), 'the confirmation');
    await sendKeys({ press: 'Escape' });
    await until(() => !$(thread, 'dialog.confirm'), 'the confirmation closed');
    await openMenu(thread, 'message 1');
    await choose(thread, 'Delete for me');
    (await until(() => $(thread, 'dialog.confirm[open] [part="confirm-delete"]'), 'the button')).click();
    await until(() => calls.deleteMessagesForMe, 'the call');
    expect(JSON.stringify(calls.deleteMessagesForMe)).to.equal(JSON.stringify([{ toJid: PEER, messageIds: ['m1'] }]));
  });

  it('copy text puts the body (a caption for a file) on the clipboard', async () => {
    const copied: string[] = [];
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copied.push(t) } });
    try {
      const media = { url: 'https://example.org/a.png', mimeType: 'image/png', fileName: 'a.png', fileSize: 10 };
      const { thread } = await open([message(1), message(2, { msgType: 'image', body: 'the caption', media })]);
      await openMenu(thread, 'message 1');
      await choose(thread, 'Copy text');
      await openMenu(thread, 'the caption');
      await choose(thread, 'Copy text');
      await until(() => copied.length === 2, 'two copies');
      expect(copied.join('|')).to.equal('message 1|the caption');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });

  it('forward: a cancelable chat-forward before the forward dialog opens', async () => {
    const { thread } = await open([message(1)]);
    const heard: string[] = [];
    const dialog = () => thread.shadowRoot!.querySelector('dialog[part~="forward"]');
    const stop = onEvent('chat-forward', (e) => {
      heard.push(`${e.detail.fromJid}:${e.detail.messages.map((m) => m.msgId).join()}`);
      e.preventDefault();
    });
    await openMenu(thread, 'message 1');
    await choose(thread, 'Forward');
    stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.join()).to.equal(`${PEER}:m1`);
    // Vetoed: no dialog.
    expect(dialog() === null).to.equal(true);
    await openMenu(thread, 'message 1');
    await choose(thread, 'Forward');
    const shown = await until(() => dialog(), 'the forward dialog');
    expect((shown as HTMLDialogElement).open).to.equal(true);
  });
});
