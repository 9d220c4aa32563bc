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
