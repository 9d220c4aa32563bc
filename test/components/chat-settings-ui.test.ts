/** The chat menu (issue 10): a list row's menu opened by its ⋯ button, right-click, a long press and the
 * keyboard; the same menu in the thread's header; items per feature flag and per state; the cancelable
 * events before each action and the confirmation before Clear and Delete; the archived chats apart; the
 * muted mark; the launcher's badge without muted chats. Built against the binding contract
 * (core/binding.ts): the chat actions are stubbed on a binding over an offline client, and the rows take
 * `isMuted`/`isArchived` from the store's chat settings, as the core's rows will. */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ContextProvider } from '@lit/context';
import '../../src/components/list/define.js';
import '../../src/components/thread/define.js';
import '../../src/components/launcher/define.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import type { ChatBinding } from '../../src/core/binding.js';
import type { ChatClient } from '../../src/core/client.js';
import type { ChatSettings, FeatureFlags, RecentChat } from '../../src/model/types.js';
import type { ChatEventMap } from '../../src/components/shared/events.js';
import { chatContext } from '../../src/components/shared/context.js';
import { LONG_PRESS_MS } from '../../src/components/shared/long-press.js';
import { SdkError } from '../../src/model/errors.js';
import { message, offlineClient, offlineSdk, until, PEER } from './fixtures.js';

const ZED = 'zed@localhost';
const zed = (i: number) => message(i, { chatJid: ZED, fromJid: ZED, msgId: `z${i}`, stanzaId: `sz${i}` });

type Calls = Record<string, unknown[]>;

/** A binding over `client` as the contract says: rows flagged from the chat settings, deleted ones gone,
 * `totalUnread` without muted chats; the chat actions recorded in `calls` and applied to the settings
 * (`fail`: they reject with a 403 instead). */
function contractBinding(client: ChatClient, calls: Calls, fail = false): ChatBinding {
  const base = client.binding;
  const store = client.store!;
  const settingsOf = (jid: string): ChatSettings => store.chatSettings.items[jid] ?? { chatJid: jid };
  const rows = (): RecentChat[] => base.recentChats.filter((c) => !settingsOf(c.chatJid).deleted)
    .map((c) => ({ ...c, isMuted: !!settingsOf(c.chatJid).muted, isArchived: !!settingsOf(c.chatJid).archived }));
  const act = (name: string, change: (p: { toJid: string } & Record<string, unknown>) => Partial<ChatSettings>) => async (p: { toJid: string } & Record<string, unknown>) => {
    (calls[name] ??= []).push(p);
    if (fail) throw new SdkError(403, `${name} is switched off`);
    await store.dispatch([{ kind: 'chat-settings', settings: [{ ...settingsOf(p.toJid), ...change(p) }], local: true }]);
  };
  return Object.create(base, {
    recentChats: { get: rows },
    recentChat: { value: (jid: string) => rows().find((c) => c.chatJid === jid) },
    totalUnread: { get: () => rows().filter((c) => !c.isMuted).reduce((n, c) => n + c.unreadCount, 0) },
    updateMuteNotification: { value: act('updateMuteNotification', (p) => ({ muted: !!p.isMuted })) },
    updateArchiveChat: { value: act('updateArchiveChat', (p) => ({ archived: !!p.isArchived })) },
    clearChat: { value: act('clearChat', () => ({ cleared: { at: Date.now() } })) },
    deleteChat: { value: act('deleteChat', () => ({ deleted: true })) },
  }) as ChatBinding;
}

interface Setup { features?: FeatureFlags; settings?: ChatSettings[]; fail?: boolean }

async function clientWith({ features = {}, settings = [] }: Setup) {
  const client = await offlineClient();
  Object.assign(client.features, features);
  await client.store!.dispatch([message(1), message(2), zed(3)]);
  if (settings.length) await client.store!.dispatch([{ kind: 'chat-settings', settings }]);
  return client;
}

function provide(binding: ChatBinding): HTMLElement {
  const host = document.createElement('div');
  host.style.cssText = 'height: 600px; display: flex; flex-direction: column';
  new ContextProvider(host, { context: chatContext, initialValue: binding });
  document.body.append(host);
  return host;
}

/** A <chat-list> over chats with PEER (2 unread) and ZED (1 unread, the newest). */
async function listWith(setup: Setup = {}) {
  const calls: Calls = {};
  const client = await clientWith(setup);
  const list = document.createElement('chat-list') as ChatList;
  list.style.flex = '1';
  provide(contractBinding(client, calls, setup.fail)).append(list);
  await until(() => list.shadowRoot?.querySelector('li, .archived-entry'), 'a row');
  return { list, calls, client };
}

const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const rowOf = (list: ChatList, jid: string) => $(list, `li[data-jid="${jid}"] .row`);
const menuButtonOf = (list: ChatList, jid: string) => $<HTMLButtonElement>(list, `li[data-jid="${jid}"] .chat-menu-button`);
const menuOf = (el: HTMLElement) => $(el, '.chat-menu[role="menu"]');
const items = (el: HTMLElement) => [...menuOf(el)!.querySelectorAll('[role="menuitem"]')].map((b) => b.textContent!.trim()).join(', ');
const focused = (el: HTMLElement) => el.shadowRoot!.activeElement as HTMLElement | null;
const names = (list: ChatList) => [...list.shadowRoot!.querySelectorAll('li .name')].map((n) => n.textContent).join(', ');

async function choose(el: HTMLElement, label: string) {
  const item = [...menuOf(el)!.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((b) => b.textContent!.trim() === label);
  if (!item) throw new Error(`no "${label}" in the menu: ${items(el)}`);
  item.click();
  await (el as ChatList).updateComplete;
}

async function openRowMenu(list: ChatList, jid = PEER) {
  menuButtonOf(list, jid)!.click();
  return until(() => menuOf(list), 'the menu');
}

/** Calls `fn` with each event of `type` the page hears from now on; returns the unsubscribe. */
function onEvent<K extends keyof ChatEventMap>(type: K, fn: (e: ChatEventMap[K]) => void) {
  const listener = (e: Event) => fn(e as ChatEventMap[K]);
  document.addEventListener(type, listener);
  return () => document.removeEventListener(type, listener);
}

describe('the chat menu of a list row', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('opens from the row\'s ⋯ button with Mute, Archive, Clear chat, Delete chat, and is accessible', async () => {
    const { list } = await listWith();
    const button = menuButtonOf(list, PEER)!;
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-label')).to.equal('Actions for the chat with peer');
    const menu = await openRowMenu(list);
    await list.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(items(list)).to.equal('Mute, Archive, Clear chat, Delete chat');
    expect(menu.getAttribute('aria-label')).to.equal('Actions for the chat with peer');
    expect(focused(list)?.textContent?.trim()).to.equal('Mute');
    // Placed inside the list.
    const placed = menu.getBoundingClientRect();
    const box = list.getBoundingClientRect();
    expect(placed.left >= box.left && placed.right <= box.right && placed.top >= box.top && placed.bottom <= box.bottom).to.equal(true);
    await expect(list).to.be.accessible();
    // The button closes it again.
    button.click();
    await until(() => !menuOf(list), 'the menu closed');
  });

  it('opens on a right-click of a row', async () => {
    const { list } = await listWith();
    const row = rowOf(list, ZED)!;
    const box = row.getBoundingClientRect();
    const event = new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true, clientX: box.left + 20, clientY: box.top + 10 });
    row.dispatchEvent(event);
    expect(event.defaultPrevented).to.equal(true);
    await until(() => menuOf(list), 'the menu');
    expect(menuOf(list)!.getAttribute('aria-label')).to.equal('Actions for the chat with zed');
  });

  it('opens on a long press of a finger, and the click that ends it opens no chat; a moving finger opens nothing', async () => {
    const { list } = await listWith();
    let opened = 0;
    const stop = onEvent('chat-open', () => opened++);
    const row = rowOf(list, PEER)!;
    const box = row.getBoundingClientRect();
    const at = (dy: number) => ({ clientX: box.left + 20, clientY: box.top + 10 + dy, bubbles: true, composed: true, cancelable: true, pointerType: 'touch', isPrimary: true });
    row.dispatchEvent(new PointerEvent('pointerdown', at(0)));
    row.dispatchEvent(new PointerEvent('pointermove', at(30)));
    await new Promise((r) => setTimeout(r, LONG_PRESS_MS + 200));
    expect(!!menuOf(list)).to.equal(false);
    row.dispatchEvent(new PointerEvent('pointerdown', at(0)));
    await until(() => menuOf(list), 'the menu after a long press', LONG_PRESS_MS * 4);
    row.dispatchEvent(new PointerEvent('pointerup', at(0)));
    row.click();
    stop();
    expect(opened).to.equal(0);
  });

  it('works from the keyboard: Shift+F10 or the ContextMenu key on a row, arrows, Home, End, Enter; Escape gives the focus back', async () => {
    const { list, calls } = await listWith();
    rowOf(list, PEER)!.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'F10' });
    await sendKeys({ up: 'Shift' });
    await until(() => menuOf(list), 'the menu from Shift+F10');
    await until(() => focused(list)?.textContent?.trim() === 'Mute', 'the first item focused');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(list)!.textContent!.trim()).to.equal('Archive');
    await sendKeys({ press: 'End' });
    expect(focused(list)!.textContent!.trim()).to.equal('Delete chat');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(list)!.textContent!.trim()).to.equal('Mute');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(list)!.textContent!.trim()).to.equal('Delete chat');
    await sendKeys({ press: 'Home' });
    expect(focused(list)!.textContent!.trim()).to.equal('Mute');
    await sendKeys({ press: 'Escape' });
    await until(() => !menuOf(list) && focused(list)?.dataset.jid === PEER, 'the focus back on the row');
    await sendKeys({ press: 'ContextMenu' });
    await until(() => menuOf(list), 'the menu from the ContextMenu key');
    await until(() => focused(list)?.textContent?.trim() === 'Mute', 'the first item focused');
    await sendKeys({ press: 'Enter' });
    await until(() => calls.updateMuteNotification, 'Mute by Enter');
    expect(JSON.stringify(calls.updateMuteNotification)).to.equal(JSON.stringify([{ toJid: PEER, isMuted: true }]));
    await until(() => focused(list)?.dataset.jid === PEER, 'the focus back on the row');
  });

  it('offers only the actions whose feature is on, and no menu without any', async () => {
    for (const [off, left] of [['muteChat', 'Archive, Clear chat, Delete chat'], ['archiveChat', 'Mute, Clear chat, Delete chat'],
      ['clearChat', 'Mute, Archive, Delete chat'], ['deleteChat', 'Mute, Archive, Clear chat']] as const) {
      const { list } = await listWith({ features: { [off]: false } });
      await openRowMenu(list);
      expect(items(list), `${off} off`).to.equal(left);
    }
    const { list } = await listWith({ features: { muteChat: false, archiveChat: false, clearChat: false, deleteChat: false } });
    expect(!!menuButtonOf(list, PEER)).to.equal(false);
    const event = new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true });
    rowOf(list, PEER)!.dispatchEvent(event);
    expect(event.defaultPrevented, 'the browser\'s own menu').to.equal(false);
    rowOf(list, PEER)!.focus();
    await sendKeys({ press: 'ContextMenu' });
    await list.updateComplete;
    expect(!!menuOf(list)).to.equal(false);
  });

  it('a muted chat offers Unmute, and both send chat-mute first (vetoable), then updateMuteNotification', async () => {
    const { list, calls } = await listWith({ settings: [{ chatJid: ZED, muted: true }] });
    await openRowMenu(list, ZED);
    expect(items(list)).to.equal('Unmute, Archive, Clear chat, Delete chat');
    const seen: string[] = [];
    let veto = true;
    const stop = onEvent('chat-mute', (e) => {
      seen.push(`${e.detail.toJid} ${e.detail.isMuted}`);
      if (veto) e.preventDefault();
    });
    await choose(list, 'Unmute');
    expect(calls.updateMuteNotification).to.equal(undefined);
    veto = false;
    await openRowMenu(list, ZED);
    await choose(list, 'Unmute');
    await until(() => calls.updateMuteNotification, 'the call');
    await openRowMenu(list, PEER);
    await choose(list, 'Mute');
    stop();
    await until(() => calls.updateMuteNotification?.length === 2, 'the second call');
    expect(seen.join('; ')).to.equal(`${ZED} false; ${ZED} false; ${PEER} true`);
    expect(JSON.stringify(calls.updateMuteNotification)).to.equal(JSON.stringify([{ toJid: ZED, isMuted: false }, { toJid: PEER, isMuted: true }]));
  });

  it('Archive sends chat-archive (vetoable), then updateArchiveChat; the row leaves the main list', async () => {
    const { list, calls } = await listWith();
    const stop = onEvent('chat-archive', (e) => e.preventDefault());
    await openRowMenu(list);
    await choose(list, 'Archive');
    stop();
    expect(calls.updateArchiveChat).to.equal(undefined);
    let seen = '';
    const stop2 = onEvent('chat-archive', (e) => (seen = `${e.detail.toJid} ${e.detail.isArchived} ${e.cancelable} ${e.composed}`));
    await openRowMenu(list);
    await choose(list, 'Archive');
    stop2();
    expect(seen).to.equal(`${PEER} true true true`);
    expect(JSON.stringify(calls.updateArchiveChat)).to.equal(JSON.stringify([{ toJid: PEER, isArchived: true }]));
    await until(() => names(list) === 'zed', 'peer out of the main list');
  });

  for (const [label, event, call] of [['Clear chat', 'chat-clear', 'clearChat'], ['Delete chat', 'chat-delete-chat', 'deleteChat']] as const) {
    it(`${label} asks first; Cancel does nothing; confirmed it sends ${event} (vetoable), then ${call}`, async () => {
      const { list, calls } = await listWith();
      let sent = 0;
      let veto = false;
      const stop = onEvent(event, (e) => {
        sent++;
        expect(e.detail.toJid).to.equal(PEER);
        if (veto) e.preventDefault();
      });
      await openRowMenu(list);
      await choose(list, label);
      const dialog = await until(() => $<HTMLDialogElement>(list, 'dialog.chat-confirm[open]'), 'the confirmation');
      expect(dialog.querySelector('h2')!.textContent).to.equal(label === 'Clear chat' ? 'Clear the chat with peer?' : 'Delete the chat with peer?');
      expect(focused(list)!.textContent!.trim()).to.equal('Cancel');
      await expect(list).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await until(() => !$(list, 'dialog.chat-confirm'), 'the confirmation closed');
      await until(() => focused(list)?.classList.contains('chat-menu-button'), 'the focus back on the ⋯ button');
      expect(sent).to.equal(0);
      veto = true;
      await openRowMenu(list);
      await choose(list, label);
      (await until(() => $<HTMLButtonElement>(list, 'dialog.chat-confirm [part="confirm-delete"]'), 'the confirmation')).click();
      await until(() => sent === 1, 'the event');
      expect(calls[call]).to.equal(undefined);
      veto = false;
      await openRowMenu(list);
      await choose(list, label);
      (await until(() => $<HTMLButtonElement>(list, 'dialog.chat-confirm [part="confirm-delete"]'), 'the confirmation')).click();
      await until(() => calls[call], 'the call');
      stop();
      expect(sent).to.equal(2);
      expect(JSON.stringify(calls[call])).to.equal(JSON.stringify([{ toJid: PEER }]));
    });
  }

  it('a deleted or archived row hands the focus on: the next row, the previous one at the end, the filter when none is left', async () => {
    const { list, client } = await listWith();
    const AMY = 'amy@localhost';
    await client.store!.dispatch([message(4, { chatJid: AMY, fromJid: AMY, msgId: 'a4', stanzaId: 'sa4' })]);
    await until(() => names(list) === 'amy, zed, peer', 'three rows');
    const deleteChat = async (jid: string) => {
      await openRowMenu(list, jid);
      await choose(list, 'Delete chat');
      (await until(() => $<HTMLButtonElement>(list, 'dialog.chat-confirm [part="confirm-delete"]'), 'the confirmation')).click();
      await until(() => !rowOf(list, jid), 'the row gone');
    };
    const where = () => focused(list)?.dataset.jid ?? focused(list)?.id ?? 'nothing';
    await deleteChat(ZED);
    await until(() => where() === PEER, 'the focus on the next row');
    // Archive by keyboard from the last row: it leaves the main list, the focus goes up.
    rowOf(list, PEER)!.focus();
    await sendKeys({ press: 'ContextMenu' });
    await until(() => focused(list)?.textContent?.trim() === 'Mute', 'the menu');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => !rowOf(list, PEER), 'the row archived');
    await until(() => where() === AMY, 'the focus on the previous row');
    await deleteChat(AMY);
    await until(() => where() === 'filter', 'the focus on the filter');
  });

  it('a refused action goes out as chat-error and shows', async () => {
    const { list } = await listWith({ fail: true });
    let error = '';
    const stop = onEvent('chat-error', (e) => (error = `${e.detail.statusCode} ${e.detail.message}`));
    await openRowMenu(list);
    await choose(list, 'Mute');
    await until(() => error, 'chat-error');
    stop();
    expect(error).to.equal('403 updateMuteNotification is switched off');
    const shown = await until(() => $(list, '[part="error"][role="alert"]'), 'the error shown');
    expect(shown.textContent).to.equal('updateMuteNotification is switched off');
  });
});

describe('archived and muted chats in the list', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('leaves archived chats out and counts them at the foot; the archived list opens with a way back, its rows offer Unarchive', async () => {
    const { list, calls } = await listWith({ settings: [{ chatJid: ZED, archived: true }] });
    expect(names(list)).to.equal('peer');
    const entry = $<HTMLButtonElement>(list, '.archived-entry')!;
    expect(entry.textContent!.trim()).to.equal('Archived (1)');
    entry.click();
    await until(() => names(list) === 'zed', 'the archived list');
    expect($(list, '[part="archived-header"] h2')!.textContent).to.equal('Archived chats');
    expect($(list, 'ul')!.getAttribute('aria-label')).to.equal('Archived chats');
    expect(!!$(list, '.archived-entry')).to.equal(false);
    await until(() => focused(list)?.classList.contains('archived-back'), 'the focus on the way back');
    await expect(list).to.be.accessible();
    await openRowMenu(list, ZED);
    expect(items(list)).to.equal('Mute, Unarchive, Clear chat, Delete chat');
    await choose(list, 'Unarchive');
    await until(() => calls.updateArchiveChat, 'the call');
    expect(JSON.stringify(calls.updateArchiveChat)).to.equal(JSON.stringify([{ toJid: ZED, isArchived: false }]));
    await until(() => $(list, '.empty')?.textContent === 'No archived chats.', 'the archived list empty');
    $<HTMLButtonElement>(list, '.archived-back')!.click();
    await until(() => names(list) === 'zed, peer', 'both chats back in the main list');
    expect(!!$(list, '.archived-entry'), 'no entry without archived chats').to.equal(false);
  });

  it('the entry counts every archived chat', async () => {
    const { list } = await listWith({ settings: [{ chatJid: ZED, archived: true }, { chatJid: PEER, archived: true }] });
    expect(names(list)).to.equal('');
    expect($(list, '.empty')!.textContent).to.equal('No other chats.');
    expect($(list, '.archived-entry')!.textContent!.trim()).to.equal('Archived (2)');
  });

  it('a muted row shows the muted mark, labelled, and keeps its unread count', async () => {
    const { list } = await listWith({ settings: [{ chatJid: PEER, muted: true }] });
    const peer = rowOf(list, PEER)!;
    const mark = peer.querySelector('[part="muted"]')!;
    expect(mark.getAttribute('role')).to.equal('img');
    expect(mark.getAttribute('aria-label')).to.equal('Muted');
    expect(mark.querySelectorAll('svg').length).to.equal(1);
    expect(peer.querySelector('.unread')!.textContent).to.equal('2');
    expect(rowOf(list, ZED)!.querySelectorAll('[part="muted"]').length).to.equal(0);
    await expect(list).to.be.accessible();
  });
});

describe('the chat menu in the thread header', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  async function threadWith(setup: Setup = {}) {
    const calls: Calls = {};
    const client = await clientWith(setup);
    const thread = document.createElement('chat-thread') as ChatThread;
    thread.peer = PEER;
    thread.backButton = true;
    provide(contractBinding(client, calls)).append(thread);
    await until(() => thread.shadowRoot?.querySelector('header'), 'the header');
    return { thread, calls };
  }

  it('offers the same actions for the open chat; Delete goes back to the list', async () => {
    const { thread, calls } = await threadWith({ settings: [{ chatJid: PEER, muted: true, archived: true }] });
    const button = $<HTMLButtonElement>(thread, 'header .chat-menu-button')!;
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-label')).to.equal('Chat actions');
    button.click();
    await until(() => menuOf(thread), 'the menu');
    expect(items(thread)).to.equal('Unmute, Unarchive, Clear chat, Delete chat');
    await expect(thread).to.be.accessible();
    let back = 0;
    const stop = onEvent('chat-back', () => back++);
    await choose(thread, 'Delete chat');
    (await until(() => $<HTMLButtonElement>(thread, 'dialog.chat-confirm [part="confirm-delete"]'), 'the confirmation')).click();
    await until(() => back, 'chat-back');
    stop();
    expect(JSON.stringify(calls.deleteChat)).to.equal(JSON.stringify([{ toJid: PEER }]));
  });

  it('a vetoed Delete stays in the thread; another chat closes the menu; no button when every chat action is off', async () => {
    const { thread, calls } = await threadWith();
    let back = 0;
    const stopBack = onEvent('chat-back', () => back++);
    const stop = onEvent('chat-delete-chat', (e) => e.preventDefault());
    $<HTMLButtonElement>(thread, 'header .chat-menu-button')!.click();
    await until(() => menuOf(thread), 'the menu');
    await choose(thread, 'Delete chat');
    (await until(() => $<HTMLButtonElement>(thread, 'dialog.chat-confirm [part="confirm-delete"]'), 'the confirmation')).click();
    await until(() => !$(thread, 'dialog.chat-confirm'), 'the confirmation closed');
    stop();
    stopBack();
    expect(back).to.equal(0);
    expect(calls.deleteChat).to.equal(undefined);
    // Another chat opened under the menu closes it.
    $<HTMLButtonElement>(thread, 'header .chat-menu-button')!.click();
    await until(() => menuOf(thread), 'the menu');
    thread.peer = ZED;
    await until(() => !menuOf(thread), 'the menu closed with the other chat');
    const off = await threadWith({ features: { muteChat: false, archiveChat: false, clearChat: false, deleteChat: false } });
    expect(!!$(off.thread, 'header .chat-menu-button')).to.equal(false);
  });
});

describe('the launcher\'s unread count without muted chats', () => {
  beforeEach(() => localStorage.clear());

  it('the badge and chat-unread-change leave a muted chat\'s unread messages out', async () => {
    const sdk = await offlineSdk();
    const client = sdk.core!;
    await client.store!.dispatch([message(1), message(2), zed(3), { kind: 'chat-settings', settings: [{ chatJid: PEER, muted: true }] }]);
    const calls: Calls = {};
    const binding = contractBinding(client, calls);
    // The SDK hands the launcher the contract's binding.
    Object.defineProperty(sdk, 'binding', { get: () => binding });
    let announced = -1;
    const stop = onEvent('chat-unread-change', (e) => (announced = e.detail.count));
    const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix="muted-badge" .sdk=${sdk}></chat-launcher>`);
    const badge = await until(() => el.shadowRoot!.querySelector('.badge'), 'the badge');
    await until(() => announced >= 0, 'chat-unread-change');
    stop();
    expect(badge.textContent).to.equal('1');
    expect(announced).to.equal(1);
    expect(el.shadowRoot!.querySelector('button.button')!.getAttribute('aria-label')).to.equal('Open chat, 1 unread');
  });
});
