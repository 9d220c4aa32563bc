/** Right-to-left text from strangers and from the user: every place such text shows (bubble, list name
 * and preview, thread header, composer) takes the direction of its own text, side by side with text of
 * the other direction, whatever alignment the host page sets around the widget. */
import { expect } from '@open-wc/testing';
import '../../src/components/list/define.js';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import type { StoreEvent } from '../../src/model/events.js';
import { offlineClient, providerFor, mountThread, message, until, PEER, ME } from './fixtures.js';

const ARABIC = 'مرحبا بالعالم!';
const ENGLISH = 'Hello world!';
/** Lines of a bubble: the last line is one short word. */
const ARABIC_LONG = 'هذه رسالة طويلة تكتب من اليمين إلى اليسار\nنعم';
const ENGLISH_LONG = 'A long English message written left to right\nok';
const SARA = 'سارة@localhost';

const shadow = (el: Element) => el.shadowRoot!;
const direction = (el: Element) => getComputedStyle(el).direction;
const mine = (i: number, body: string, chatJid = PEER) =>
  message(i, { msgId: `o${i}`, chatJid, fromJid: ME, toJid: chatJid, outgoing: true, status: 'delivered', body, stanzaId: undefined });

/** Where a character of an element's text is drawn: its `index`-th character (negative: from the end). */
function charBox(el: Element, index: number): DOMRect {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  const text = texts.filter((t) => t.data.trim() !== '').at(index < 0 ? -1 : 0)!;
  const at = index < 0 ? text.data.trimEnd().length + index : text.data.length - text.data.trimStart().length + index;
  const range = document.createRange();
  range.setStart(text, at);
  range.setEnd(text, at + 1);
  return range.getBoundingClientRect();
}

/** A page that aligns its text left (as many do on body or a container): the widget must not follow it. */
function alignedPage(client: Awaited<ReturnType<typeof offlineClient>>): HTMLElement {
  const host = providerFor(client);
  host.style.textAlign = 'left';
  host.style.width = '420px';
  return host;
}

async function threadWith(events: StoreEvent[], peer = PEER, lang = 'en') {
  const client = await offlineClient();
  if (events.length) await client.store!.dispatch(events);
  return mountThread(alignedPage(client), { peer, lang });
}

const textOf = (thread: ChatThread, body: string) =>
  [...shadow(thread).querySelectorAll<HTMLElement>('.bubble .text')].find((t) => t.textContent === body);

describe('right-to-left text in an English widget', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('each bubble takes its own text\'s direction: the Arabic "!" at its left end, the English one at its right', async () => {
    const thread = await threadWith([message(1, { body: ARABIC }), mine(2, ENGLISH), message(3, { body: ENGLISH }), mine(4, ARABIC)]);
    await until(() => shadow(thread).querySelectorAll('.bubble').length === 4, 'four bubbles');
    const texts = [...shadow(thread).querySelectorAll<HTMLElement>('.bubble .text')];
    expect(texts.map(direction).join(' ')).to.equal('rtl ltr ltr rtl');
    for (const text of texts) {
      const first = charBox(text, 0);
      const bang = charBox(text, -1);
      if (text.textContent === ARABIC) expect(bang.right, 'the Arabic "!" left of its first letter').to.be.at.most(first.left + 0.5);
      else expect(bang.left, 'the English "!" right of its first letter').to.be.at.least(first.right - 0.5);
    }
    // The sides still follow the thread (mine at the right in English), whatever the text's direction.
    const rows = [...shadow(thread).querySelectorAll<HTMLElement>('.row')];
    expect(rows.map((r) => (r.classList.contains('out') ? 'out' : 'in')).join(' ')).to.equal('in out in out');
  });

  it('a long Arabic bubble is aligned to its right edge (text-align: start), not to the page\'s left', async () => {
    const thread = await threadWith([message(1, { body: ARABIC_LONG }), message(2, { body: ENGLISH_LONG })]);
    const arabic = await until(() => textOf(thread, ARABIC_LONG), 'the Arabic bubble');
    const english = textOf(thread, ENGLISH_LONG)!;
    expect(getComputedStyle(arabic).textAlign).to.equal('start');
    const box = arabic.getBoundingClientRect();
    const lastWord = charBox(arabic, -1); // the end of "نعم", alone on the last line
    expect(box.height, 'two lines').to.be.above(lastWord.height * 1.5);
    // Its last, short line starts at the right edge of the bubble's text.
    expect(box.right - charBox(arabic, -3).right).to.be.below(2);
    expect(lastWord.left - box.left).to.be.above(box.width / 2);
    // An English one of several lines ends its last line on the left side.
    const englishBox = english.getBoundingClientRect();
    expect(charBox(english, -1).right - englishBox.left).to.be.below(englishBox.width / 2);
    expect(direction(english)).to.equal('ltr');
  });

  it('in one list, an Arabic name and preview read right to left and an English chat left to right', async () => {
    const client = await offlineClient();
    await client.store!.dispatch([
      message(1, { chatJid: SARA, fromJid: SARA, body: ARABIC }),
      message(2, { body: ENGLISH }),
      mine(3, ARABIC, 'carol@localhost'),
    ]);
    const host = alignedPage(client);
    const list = document.createElement('chat-list') as ChatList;
    list.lang = 'en';
    host.append(list);
    await until(() => shadow(list).querySelectorAll('li').length === 3, 'three rows');
    const row = (jid: string) => shadow(list).querySelector<HTMLElement>(`[data-jid="${jid}"]`)!;
    const part = (jid: string, selector: string) => row(jid).querySelector<HTMLElement>(selector)!;
    expect(direction(part(SARA, '.name'))).to.equal('rtl');
    expect(direction(part(SARA, '.preview'))).to.equal('rtl');
    expect(direction(part(PEER, '.name'))).to.equal('ltr');
    expect(direction(part(PEER, '.preview'))).to.equal('ltr');
    // The "!" of the Arabic preview at its left end, the English one's at its right.
    const arabic = part(SARA, '.preview');
    expect(charBox(arabic, -1).right).to.be.at.most(charBox(arabic, 0).left + 0.5);
    const english = part(PEER, '.preview');
    expect(charBox(english, -1).left).to.be.at.least(charBox(english, 0).right - 0.5);
    // My own Arabic message after the English "You:": the label reads left to right, the message right
    // to left in its own isolated box.
    const own = part('carol@localhost', '.preview');
    expect(direction(own)).to.equal('ltr');
    const bdi = own.lastElementChild!; // <bdi>: isolated from the label
    expect(direction(bdi)).to.equal('rtl');
    expect(charBox(bdi, -1).right).to.be.at.most(charBox(bdi, 0).left + 0.5);
  });

  it('the thread header shows an Arabic name right to left, an English one left to right', async () => {
    const arabic = await threadWith([message(1, { chatJid: SARA, fromJid: SARA, body: ARABIC })], SARA);
    const name = await until(() => shadow(arabic).querySelector<HTMLElement>('header strong'), 'the Arabic header');
    expect(name.textContent).to.equal('سارة');
    expect(direction(name)).to.equal('rtl');
    expect(direction(shadow(arabic).querySelector('header small')!)).to.equal('rtl');
    const english = await threadWith([message(1)]);
    const other = await until(() => shadow(english).querySelector<HTMLElement>('header strong'), 'the English header');
    expect(direction(other)).to.equal('ltr');
  });

  it('the composer takes the direction of what is typed, and back when it is emptied', async () => {
    const thread = await threadWith([message(1)]);
    const textarea = await until(() => shadow(thread).querySelector('textarea'), 'the composer');
    const type = async (text: string) => {
      textarea.value = text;
      textarea.dispatchEvent(new InputEvent('input'));
      await thread.updateComplete;
    };
    expect(direction(textarea)).to.equal('ltr');
    await type(ARABIC);
    expect(direction(textarea)).to.equal('rtl');
    expect(getComputedStyle(textarea).textAlign).to.equal('start');
    await type('');
    expect(direction(textarea)).to.equal('ltr');
    await type(ENGLISH);
    expect(direction(textarea)).to.equal('ltr');
  });
});

describe('left-to-right text in an Arabic widget', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('an English bubble reads left to right with its "!" at its right end, an Arabic one right to left', async () => {
    const thread = await threadWith([message(1, { body: ENGLISH }), mine(2, ARABIC)], PEER, 'ar');
    const english = await until(() => textOf(thread, ENGLISH), 'the English bubble');
    await until(() => thread.getAttribute('dir') === 'rtl', 'the thread in Arabic');
    expect(direction(english)).to.equal('ltr');
    expect(charBox(english, -1).left).to.be.at.least(charBox(english, 0).right - 0.5);
    expect(direction(textOf(thread, ARABIC)!)).to.equal('rtl');
  });
});
