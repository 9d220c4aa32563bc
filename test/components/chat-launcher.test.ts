import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/launcher/define.js';
// The launcher loads <chat-list> and <chat-thread> on demand (list/lazy.ts, thread/lazy.ts); these tests
// look into them at once (test/components/launcher-focus.test.ts and the bundle tests load them lazily).
import '../../src/components/list/define.js';
import '../../src/components/thread/define.js';
import { define } from '../../src/components/shared/define.js';
import { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import { offlineSdk, message, until } from './fixtures.js';

async function launcher(prefix: string, open = false): Promise<ChatLauncher> {
  const sdk = await offlineSdk();
  await sdk.core!.store!.dispatch([message(1), message(2)]);
  const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix=${prefix} ?open=${open} .sdk=${sdk}></chat-launcher>`);
  await el.updateComplete;
  return el;
}

describe('<chat-launcher>', () => {
  beforeEach(() => localStorage.clear());

  it('is a labelled floating button showing the unread count, and accessible', async () => {
    const el = await launcher('t1');
    const button = el.shadowRoot!.querySelector('button.button')!;
    await until(() => el.shadowRoot!.querySelector('.badge'), 'the badge');
    expect(el.shadowRoot!.querySelector('.badge')!.textContent).to.equal('2');
    expect(button.getAttribute('aria-label')).to.equal('Open chat, 2 unread');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('opens the panel with the recent chats, and Escape closes it', async () => {
    const el = await launcher('t2');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.button')!.click();
    await el.updateComplete;
    expect(el.open).to.equal(true);
    const list = el.shadowRoot!.querySelector('chat-list')!;
    expect(list !== null, 'a list in the panel').to.equal(true);
    await until(() => list.shadowRoot!.querySelector('li'), 'a chat row');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector('chat-list')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('picking a chat shows its thread with a back button that returns to the list', async () => {
    const el = await launcher('t3', true);
    const list = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list');
    const row = await until(() => list.shadowRoot!.querySelector<HTMLButtonElement>('li button'), 'a row');
    const opened = oneEvent<CustomEvent<{ jid: string }>>(el, 'chat-open');
    row.click();
    expect((await opened).detail.jid).to.equal('peer@localhost');
    await el.updateComplete;
    const thread = el.shadowRoot!.querySelector('chat-thread')!;
    expect(thread.peer).to.equal('peer@localhost');
    const back = await until(() => thread.shadowRoot!.querySelector<HTMLButtonElement>('.back'), 'back button');
    back.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('chat-list').length).to.equal(1);
  });

  it('a thread in the panel has its own close button (the floating button is hidden on phones)', async () => {
    const el = await launcher('t5', true);
    el.openChat('peer@localhost');
    await el.updateComplete;
    const thread = el.shadowRoot!.querySelector('chat-thread')!;
    const close = await until(() => thread.shadowRoot!.querySelector<HTMLButtonElement>('.close'), 'close button');
    expect(close.getAttribute('aria-label')).to.equal('Close chat');
    close.click();
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('Escape in the lightbox closes the lightbox, not the panel; the next Escape closes the panel', async () => {
    const sdk = await offlineSdk();
    await sdk.core!.store!.dispatch([message(1, { msgType: 'image', body: '', media: { url: 'https://up.example/a.png', fileName: 'a.png' } })]);
    const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix="t7" open .sdk=${sdk}></chat-launcher>`);
    el.openChat('peer@localhost');
    await el.updateComplete;
    const thread = el.shadowRoot!.querySelector('chat-thread')!;
    const link = await until(() => thread.shadowRoot!.querySelector<HTMLAnchorElement>('a.media-open'), 'the picture');
    link.click();
    const dialog = await until(() => thread.shadowRoot!.querySelector<HTMLDialogElement>('dialog.lightbox[open]'), 'the lightbox');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the lightbox closed');
    await el.updateComplete;
    expect(el.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('remembers open/closed and the open chat across page loads', async () => {
    const first = await launcher('t4', true);
    first.openChat('peer@localhost');
    await first.updateComplete;
    first.remove();
    const again = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix="t4"></chat-launcher>`);
    expect(again.open).to.equal(true);
    expect(again.shadowRoot!.querySelector('chat-thread')!.peer).to.equal('peer@localhost');
  });

  it('show() opens a chat given in any case or with a resource as the chat the store keeps', async () => {
    const el = await launcher('t6');
    el.show(' Peer@LocalHost/phone');
    await el.updateComplete;
    const thread = el.shadowRoot!.querySelector('chat-thread')!;
    expect(thread.peer).to.equal('peer@localhost');
    await until(() => thread.shadowRoot!.querySelector('lit-virtualizer .row'), 'the chat\'s messages');
  });

  it('can be placed in any corner', async () => {
    const el = await fixture<ChatLauncher>(html`<chat-launcher position="top-left"></chat-launcher>`);
    const box = el.getBoundingClientRect();
    expect(box.top).to.be.below(40);
    expect(box.left).to.be.below(40);
  });

  it('defining the elements twice (the script loaded twice) does no harm', () => {
    expect(() => define('chat-launcher', class extends ChatLauncher {})).to.not.throw();
    expect(customElements.get('chat-launcher')).to.equal(ChatLauncher);
  });
});
