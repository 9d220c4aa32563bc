// The starred messages view: opened from the launcher's ★ button (its code loaded then), lists the
// binding's favouriteMessages across chats, follows the `favourites` event live, and a pick opens
// the chat in the launcher at the message (older history loaded, the message highlighted).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/launcher/define.js';
import '../../src/components/thread/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatMessage } from '../../src/model/types.js';
import { offlineSdk, message, until, PEER } from './fixtures.js';

const viewFetched = () => performance.getEntriesByType('resource').filter((e) => /\/favourites\/favourites\.(js|ts)/.test(e.name)).length;

async function launcher(prefix: string, favourites: (all: ChatMessage[]) => ChatMessage[], features = {}) {
  const sdk = await offlineSdk();
  const client = sdk.core!;
  Object.assign(client.features, features);
  // 120 messages with the peer (the thread opens on the latest 50) and one with ann.
  // (Read ones: the badge of over 99 unread reads "99+", which axe flags against the button's label.)
  await client.store!.dispatch([...Array.from({ length: 120 }, (_, i) => ({ ...message(i + 1), fresh: false })),
    message(200, { chatJid: 'ann@localhost', fromJid: 'ann@localhost', msgId: 'a1', body: 'hello from ann', msgType: 'image', media: { url: 'https://up.example/x.png' } })]);
  const all = [...await client.cachedMessages(PEER, 200), ...await client.cachedMessages('ann@localhost', 5)];
  let reads = 0;
  client.favouriteMessages = async () => {
    reads++;
    return favourites(all);
  };
  const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix=${prefix} open .sdk=${sdk}></chat-launcher>`);
  await el.updateComplete;
  return { el, client, all, reads: () => reads };
}

const $ = (el: ChatLauncher, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const items = (el: ChatLauncher) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="favourites-item"]')];

describe('starred messages view', () => {
  beforeEach(() => localStorage.clear());

  it('opens from the ★ button (loaded then), lists the starred messages across chats, and follows changes live', async () => {
    const { el, client, all, reads } = await launcher('f1', (a) => [a.find((m) => m.msgId === 'a1')!, a.find((m) => m.msgId === 'm3')!]);
    expect(viewFetched()).to.equal(0);
    const button = $(el, '[part="favourites-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Starred messages');
    button.click();
    await until(() => items(el).length === 2, 'two starred messages');
    expect(viewFetched()).to.equal(1);
    expect(reads()).to.equal(1);
    expect($(el, 'dialog[part="favourites"]')!.matches(':modal')).to.equal(true);
    expect(items(el).map((i) => `${i.querySelector('.v-chat')!.textContent}: ${i.querySelector('.v-text')!.textContent}`).join('|'))
      .to.equal('ann: Photo · hello from ann|peer: message 3');
    await expect(el).to.be.accessible();
    // Starred on another device: the whole list again.
    client.events.emit('favourites', [all.find((m) => m.msgId === 'm7')!]);
    await until(() => items(el).length === 1, 'the live list');
    expect(items(el)[0].querySelector('.v-text')!.textContent).to.equal('message 7');
    client.events.emit('favourites', []);
    await until(() => $(el, 'dialog[part="favourites"] .v-empty')?.textContent === 'No starred messages yet.', 'the empty note');
    // Escape closes the view, not the launcher; focus goes back to the ★ button.
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, 'dialog[part="favourites"]'), 'the view to close');
    expect(el.open).to.equal(true);
    expect(el.shadowRoot!.activeElement === $(el, '[part="favourites-button"]')).to.equal(true);
  });

  it('a pick opens its chat in the launcher and jumps to the message (older history loaded), highlighted', async () => {
    const { el } = await launcher('f2', (a) => [a.find((m) => m.msgId === 'm2')!]);
    $(el, '[part="favourites-button"]')!.click();
    await until(() => items(el).length === 1, 'the starred message');
    items(el)[0].click();
    const thread = await until(() => $(el, 'chat-thread') as ChatThread | null, 'the thread');
    expect(thread.peer).to.equal(PEER);
    const highlighted = () => [...thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row.highlight')];
    await until(() => highlighted().length === 1, 'the message highlighted', 10000);
    expect(highlighted()[0].querySelector('.text')!.textContent).to.equal('message 2');
    expect($(el, 'dialog[part="favourites"]') === null).to.equal(true);
  });

  it('has no ★ button when favourites are switched off', async () => {
    const { el } = await launcher('f3', () => [], { favouriteMessage: false });
    expect($(el, '[part="panel-header"]') !== null).to.equal(true);
    expect($(el, '[part="favourites-button"]') === null).to.equal(true);
  });
});
