/** Replies in the widget on the real server (issue 9): a reply's preview on a fresh device whose cache
 * does not hold the original (found in the archive), and the jump to it: scrolled into view and
 * highlighted. (Looking the original up reads the history back into the cache, so here the jump finds
 * it without paging; paging older windows for a jump is tested in test/components/message-extras.test.ts.) */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import { makePerson, peoplePerTest, threadsPerTest, waitFor } from './helpers.js';
import { esc, foreignPerTest } from './foreign.js';

const person = peoplePerTest();
const openThread = threadsPerTest();
const foreign = foreignPerTest();

describe('replies in the thread', () => {
  it('a fresh device shows the preview of an original it never cached, and the preview scrolls to it and highlights it', async function () {
    this.timeout(60000);
    const alice = await person(null);
    const bob = await person(null);
    const original = await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'The original, far back' });
    expect(original.statusCode).to.equal(200);
    for (let i = 1; i <= 80; i++) {
      expect((await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: `filler ${i}` })).statusCode).to.equal(200);
    }
    const reply = await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'Answering that one', replyMessageId: original.data!.msgId });
    expect(reply.statusCode).to.equal(200);

    // Alice on a new device that keeps only the 20 newest messages at sign-in.
    const fresh = await makePerson({ username: alice.username, password: alice.password }, { initialSyncMessages: 20 });
    try {
      const { root } = await openThread(fresh.sdk, bob.jid);
      const rows = () => [...root.querySelectorAll<HTMLElement>('lit-virtualizer .row')];
      const rowWith = (text: string) => rows().find((r) => r.querySelector('.bubble')?.textContent?.includes(text));
      expect(rowWith('The original, far back') === undefined).to.equal(true);
      const preview = await waitFor(() => {
        const p = rowWith('Answering that one')?.querySelector<HTMLElement>('[part="reply-preview"]');
        return p?.textContent?.includes('The original, far back') ? p : undefined;
      }, 'the preview with the original text (from the archive)');
      expect(preview.textContent!.includes('You')).to.equal(true);
      // The quote XEP-0428 carries for other clients is not shown a second time in the reply's text.
      expect(rowWith('Answering that one')!.querySelector('.text')!.textContent!.includes('> ')).to.equal(false);
      preview.click();
      const target = await waitFor(() => rowWith('The original, far back'), 'the original loaded into the thread', 30000);
      await waitFor(() => target.classList.contains('highlight') || rowWith('The original, far back')?.classList.contains('highlight'), 'the original highlighted');
      const box = rowWith('The original, far back')!.getBoundingClientRect();
      const view = root.querySelector('lit-virtualizer')!.getBoundingClientRect();
      expect(box.bottom > view.top && box.top < view.bottom).to.equal(true);
    } finally {
      await fresh.sdk.disconnect();
    }
  });

  it('a reply in Dino\'s shape shows the preview of our message, and its quote for other clients is not shown twice', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const mine = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'Lunch at noon?' })).data!;
    await bob.waitForMessage((m) => m.getAttribute('id') === mine.msgId, 'alice\'s message');
    // Dino (libdino/src/service/fallback_body.vala): "> " per line, <reply to=full JID>, XEP-0428 range.
    const quote = '> Lunch at noon?\n';
    bob.send(`<message type="chat" to="${alice.jid}" id="dino-r"><body>${esc(quote)}Sure, see you there</body>`
      + `<reply xmlns="urn:xmpp:reply:0" to="${alice.jid}/web" id="${mine.msgId}"/>`
      + `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="${[...quote].length}"/></fallback>`
      + '<origin-id xmlns="urn:xmpp:sid:0" id="dino-r"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>');
    const { root } = await openThread(alice.sdk, bob.jid);
    const row = await waitFor(() => [...root.querySelectorAll<HTMLElement>('lit-virtualizer .row')]
      .find((r) => r.querySelector('.text')?.textContent?.includes('Sure, see you there')), 'the reply in the thread');
    const preview = await waitFor(() => row.querySelector<HTMLElement>('[part="reply-preview"]'), 'its preview');
    expect(preview.textContent!.includes('Lunch at noon?')).to.equal(true);
    expect(preview.textContent!.includes('You')).to.equal(true);
    expect(row.querySelector('.text')!.textContent!.trim()).to.equal('Sure, see you there');
  });
});
