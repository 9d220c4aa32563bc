/** Faults found in issue 9's widget parts by trying to break them (each fails until fixed). */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatClient } from '../../src/core/client.js';
import { message, threadWith, until, nextFrame, PEER } from './fixtures.js';

const $ = <T extends Element = HTMLElement>(thread: ChatThread, selector: string) => thread.shadowRoot!.querySelector<T>(selector);
const rowWith = (thread: ChatThread, text: string) =>
  [...thread.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer .row')].find((r) => r.querySelector('.bubble')!.textContent!.includes(text));

describe('found in issue 9 (widget)', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('"+" in the message menu takes a keycap emoji (1️⃣, an RGI emoji the binding accepts)', async () => {
    const reactions: unknown[] = [];
    const thread = await threadWith([message(1)], (c) => {
      (c as unknown as Record<string, unknown>).sendReaction = async (params: unknown) => { reactions.push(params); };
    });
    rowWith(thread, 'message 1')!.querySelector<HTMLElement>('.menu-button')!.click();
    const menu = await until(() => $(thread, '[role="menu"]'), 'the menu');
    [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')].find((b) => b.getAttribute('aria-label') === 'More reactions')!.click();
    const input = await until(() => $<HTMLInputElement>(thread, 'input#emoji'), 'the emoji field');
    input.value = '1️⃣';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    input.form!.requestSubmit();
    await nextFrame();
    expect(input.validationMessage, 'the field refused a keycap').to.equal('');
    await until(() => reactions.length === 1, 'the reaction sent');
  });

  it('a reply whose original was deleted for me says the original is not available (not an empty quote)', async () => {
    let client!: ChatClient;
    const thread = await threadWith([message(1, { body: 'hide me' }), message(2, { body: 'about that', replyTo: { msgId: 'm1', fromJid: PEER } })], (c) => { client = c; });
    await client.store!.dispatch({ kind: 'hide', chatJid: PEER, refs: [{ fromJid: PEER, msgId: 'm1', stanzaId: 's1' }] });
    await until(() => !rowWith(thread, 'hide me') && rowWith(thread, 'about that'), 'the original hidden');
    await nextFrame();
    await nextFrame();
    const text = await until(() => {
      const t = rowWith(thread, 'about that')?.querySelector('.reply-text')?.textContent?.trim();
      return t && t !== '…' ? t : t === '' ? '(empty)' : undefined;
    }, 'the preview settled');
    expect(text).to.equal('Original message not available');
  });
});
