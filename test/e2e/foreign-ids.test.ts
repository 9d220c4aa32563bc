import { expect } from '@open-wc/testing';
import { peoplePerTest, waitFor, sleep } from './helpers.js';
import { foreignPerTest } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

describe('ids as other clients use them', () => {
  it('a client that reuses an id after a restart: both messages are shown (no origin-id, ids only unique per session)', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="seq-1"><body>first</body><request xmlns="urn:xmpp:receipts"/></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'first'), 'first');
    await bob.reconnect();
    bob.send(`<message type="chat" to="${alice.jid}" id="seq-1"><body>second</body><request xmlns="urn:xmpp:receipts"/></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'second'), 'second');
    const history = await alice.sdk.getChatMessages({ toJid: bob.jid });
    expect(history.data!.map((m) => m.body)).to.deep.equal(['first', 'second']);
    // The same id with the same content from the same sender is one message (an offline copy and an archive copy).
    bob.send(`<message type="chat" to="${alice.jid}" id="seq-1"><body>second</body></message>`);
    await sleep(300);
    expect((await alice.sdk.getChatMessages({ toJid: bob.jid })).data!.map((m) => m.body)).to.deep.equal(['first', 'second']);
  });
});

describe('references to a peer message use the id its XEP names', () => {
  it('receipt and displayed marker name the message id attribute, not its origin-id (XEP-0184, XEP-0333)', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="stanza-X"><body>mark me</body><origin-id xmlns="urn:xmpp:sid:0" id="origin-Y"/>`
      + '<request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>');
    const got = await waitFor(() => alice.messages.find((m) => m.body === 'mark me'), 'the message');
    expect(got.msgId).to.equal('stanza-X');
    const receipt = await bob.waitForMessage((m) => m.getElementsByTagName('received').length > 0, 'a receipt');
    expect(receipt.getElementsByTagName('received')[0].getAttribute('id')).to.equal('stanza-X');
    expect((await alice.sdk.sendSeenStatus(bob.jid, got.msgId)).statusCode).to.equal(200);
    const marker = await bob.waitForMessage((m) => m.getElementsByTagName('displayed').length > 0, 'a displayed marker');
    expect(marker.getElementsByTagName('displayed')[0].getAttribute('id')).to.equal('stanza-X');
  });
});

describe('a reply names the replied-to message by its id and its author (XEP-0461)', () => {
  it('replying to the peer\'s message names the peer; replying to one of ours names us', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="bob-1"><body>question</body><origin-id xmlns="urn:xmpp:sid:0" id="origin-1"/></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'question'), 'the question');
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'answer', replyMessageId: 'bob-1' });
    const mine = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'more' })).data!;
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'about that', replyMessageId: mine.msgId });
    const replyIn = (body: string) => async () => {
      // The body starts with the XEP-0428 fallback quote of the original.
      const m = await bob.waitForMessage((x) => !!x.getElementsByTagName('body')[0]?.textContent?.endsWith(`\n${body}`), body);
      const reply = m.getElementsByTagName('reply')[0];
      return `${reply.getAttribute('id')} ${reply.getAttribute('to')}`;
    };
    expect(await replyIn('answer')()).to.equal(`bob-1 ${bob.jid}`);
    expect(await replyIn('about that')()).to.equal(`${mine.msgId} ${alice.jid}`);
  });
});
