/** Right-to-left text from another client, on the real server: the bubble reads in its own direction. */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import '../../src/components/list/define.js';
import { peoplePerTest, waitFor, widgetsPerTest } from './helpers.js';
import { foreignPerTest } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();
const show = widgetsPerTest();

describe('right-to-left text from another client', () => {
  it('bob\'s "مرحبا بالعالم!" shows right to left, "!" at the left end, next to an English bubble left to right', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const { thread, list } = show(alice.sdk, bob.jid);

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
