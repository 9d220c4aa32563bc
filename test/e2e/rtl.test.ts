/** Right-to-left text from another client, on the real server: the bubble reads in its own direction. */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import '../../src/components/list/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import { peoplePerTest, waitFor } from './helpers.js';
import { foreignPerTest } from './foreign.js';

// The virtualizer's ResizeObserver notice is not a failure (see test/components/fixtures.ts).
window.addEventListener('error', (e) => {
  if (e.message?.includes('ResizeObserver loop')) e.stopImmediatePropagation();
}, true);

const person = peoplePerTest();
const foreign = foreignPerTest();

describe('right-to-left text from another client', () => {
  const boxes: HTMLElement[] = [];
  afterEach(() => boxes.splice(0).forEach((b) => b.remove()));

  it('bob\'s "مرحبا بالعالم!" shows right to left, "!" at the left end, next to an English bubble left to right', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const box = document.createElement('div');
    box.style.cssText = 'height:400px;width:420px;display:flex;flex-direction:column;text-align:left';
    const thread = Object.assign(document.createElement('chat-thread') as ChatThread, { sdk: alice.sdk, peer: bob.jid, lang: 'en' });
    const list = Object.assign(document.createElement('chat-list') as ChatList, { sdk: alice.sdk, lang: 'en' });
    box.append(list, thread);
    document.body.append(box);
    boxes.push(box);

    bob.send(`<message type="chat" to="${alice.jid}" id="rtl-1"><body>Hello first</body></message>`);
    bob.send(`<message type="chat" to="${alice.jid}" id="rtl-2"><body>مرحبا بالعالم!</body></message>`);
    const texts = () => [...thread.shadowRoot!.querySelectorAll<HTMLElement>('.bubble .text')];
    await waitFor(() => texts().some((t) => t.textContent === 'مرحبا بالعالم!'), 'the Arabic bubble');
    const arabic = texts().find((t) => t.textContent === 'مرحبا بالعالم!')!;
    const english = texts().find((t) => t.textContent === 'Hello first')!;
    expect(getComputedStyle(arabic).direction).to.equal('rtl');
    expect(getComputedStyle(english).direction).to.equal('ltr');
    // The "!" (the last character) is drawn left of the first letter.
    const text = arabic.firstChild as Text;
    const at = (i: number) => {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return range.getBoundingClientRect();
    };
    expect(at(text.data.length - 1).right).to.be.at.most(at(0).left + 0.5);
    // The list's preview of that chat reads right to left too.
    const previews = () => [...list.shadowRoot!.querySelectorAll<HTMLElement>('.preview')];
    const preview = await waitFor(() => previews().find((p) => p.textContent === 'مرحبا بالعالم!'), `the Arabic preview (${bob.jid})`);
    expect(getComputedStyle(preview).direction).to.equal('rtl');
  });
});
