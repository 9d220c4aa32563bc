import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import { offlineSdk, message, until } from './fixtures.js';

async function launcher(prefix: string): Promise<ChatLauncher> {
  const sdk = await offlineSdk();
  await sdk.core!.store!.dispatch([message(1)]);
  const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix=${prefix} .sdk=${sdk}></chat-launcher>`);
  await el.updateComplete;
  return el;
}

/** The element focused inside `root`'s shadow roots, innermost. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const escape = (target: EventTarget) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));

describe('<chat-launcher> focus and Escape', () => {
  beforeEach(() => localStorage.clear());

  it('opening a chat from the list focuses its composer, Escape there closes, back focuses the row left', async () => {
    const el = await launcher('f1');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.button')!;
    button.focus();
    button.click();
    // The launcher loads the list on demand (list/lazy.ts): its rows once it is defined.
    const list = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list');
    const row = await until(() => list.shadowRoot?.querySelector<HTMLButtonElement>('li button'), 'a row');
    row.focus();
    row.click();
    await until(() => focused()?.tagName === 'TEXTAREA', 'focus in the composer');
    const thread = el.shadowRoot!.querySelector('chat-thread')!;
    expect(focused() === thread.shadowRoot!.querySelector('textarea'), 'focus on the composer').to.equal(true);
    // Back to the list: the row of the chat just left has the focus.
    thread.shadowRoot!.querySelector<HTMLButtonElement>('.back')!.click();
    const again = await until(() => el.shadowRoot!.querySelector('chat-list'), 'the list again');
    await until(() => focused()?.getAttribute('data-jid') === 'peer@localhost', 'focus on the row left');
    expect(again.shadowRoot!.activeElement === again.shadowRoot!.querySelector('li button'), 'focus on the first row').to.equal(true);
    // Into the thread again, and Escape from the composer closes the panel.
    again.shadowRoot!.querySelector<HTMLButtonElement>('li button')!.click();
    const textarea = await until(() => (focused()?.tagName === 'TEXTAREA' ? focused() : null), 'the composer');
    escape(textarea);
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('show(jid) focuses the composer; with focus on the body, Escape still closes the panel', async () => {
    const el = await launcher('f2');
    el.show('peer@localhost');
    await until(() => focused()?.tagName === 'TEXTAREA', 'focus in the composer');
    (focused() as HTMLElement).blur();
    expect(document.activeElement === document.body, 'focus on the page body').to.equal(true);
    escape(document.body);
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });

  it('a panel restored open on page load does not take the focus', async () => {
    localStorage.setItem('f3:launcher', JSON.stringify({ open: true, chat: 'peer@localhost' }));
    const el = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix="f3"></chat-launcher>`);
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    expect(document.activeElement === document.body, 'focus on the page body').to.equal(true);
  });
});
