import { expect } from '@open-wc/testing';
import '../../src/components/list/define.js';
import type { ChatList } from '../../src/components/list/chat-list.js';
import { offlineClient, providerFor, message, until, PEER, ME } from './fixtures.js';

const LONG = 'Start of a long English message that goes on and on well past the width of the row, until the very end';

/** Where the first and the last character of `node`'s text are drawn. */
function ends(node: Node) {
  const text = [...walk(node)].find((t) => t.data.includes('Start'))!;
  const range = document.createRange();
  range.setStart(text, 0);
  range.setEnd(text, 1);
  const first = range.getBoundingClientRect();
  range.setStart(text, text.data.length - 1);
  range.setEnd(text, text.data.length);
  return { first, last: range.getBoundingClientRect() };
}

function* walk(node: Node): Generator<Text> {
  if (node instanceof Text) yield node;
  for (const child of node.childNodes) yield* walk(child);
}

describe('<chat-list> previews of long messages', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  for (const outgoing of [false, true]) {
    it(`in an Arabic list, a long English ${outgoing ? 'message of mine' : 'message'} shows its start, cut at its end`, async () => {
      const client = await offlineClient();
      const mine = { msgId: 'o1', fromJid: ME, toJid: PEER, outgoing: true, status: 'delivered' as const, stanzaId: undefined };
      await client.store!.dispatch([message(1, { body: LONG, ...(outgoing ? mine : {}) })]);
      const host = providerFor(client);
      host.style.width = '320px';
      const list = document.createElement('chat-list') as ChatList;
      list.lang = 'ar';
      host.append(list);
      const preview = await until(() => list.shadowRoot!.querySelector<HTMLElement>('.preview'), 'the preview');
      await list.updateComplete;
      const box = preview.getBoundingClientRect();
      const { first, last } = ends(preview);
      // The English text runs left to right: its first letter is inside the row, its end is cut off.
      expect(first.left).to.be.at.least(box.left - 1);
      expect(first.right).to.be.at.most(box.right + 1);
      expect(last.left).to.be.above(box.right);
    });
  }
});
