import { expect } from '@open-wc/testing';
import { peoplePerTest, waitFor, sleep } from './helpers.js';
import { foreignPerTest } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

const error = (to: string, id: string) => `<message type="error" to="${to}" id="${id}"><error type="cancel">`
  + '<service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>';
const receipt = (to: string, id: string) => `<message to="${to}" id="r-${id}"><received xmlns="urn:xmpp:receipts" id="${id}"/></message>`;

describe('statuses move by evidence', () => {
  it('an error reply from one of the peer\'s clients, then a receipt from another: delivered', async () => {
    const alice = await person(null);
    const bobPhone = await foreign();
    const bobLaptop = await foreign({ username: bobPhone.username, password: bobPhone.password, jid: bobPhone.jid });
    const sent = (await alice.sdk.sendTextMessage({ toJid: bobPhone.jid, messageText: 'm' })).data!;
    await waitFor(() => alice.statuses.some((s) => s.msgId === sent.msgId && s.status === 'sent'), 'sent');
    // Errors go back to the full JID that sent the message (one to a bare JID is dropped, RFC 6121 8.5.2).
    const aliceFull = alice.sdk.core!.conn!.jid;
    bobPhone.send(error(aliceFull, sent.msgId));
    await waitFor(() => alice.statuses.some((s) => s.msgId === sent.msgId && s.status === 'failed'), 'failed');
    bobLaptop.send(receipt(alice.jid, sent.msgId));
    await waitFor(() => alice.statuses.some((s) => s.msgId === sent.msgId && s.status === 'delivered'), 'delivered after failed');
    // An error after the proof of delivery changes nothing.
    bobPhone.send(error(aliceFull, sent.msgId));
    await sleep(300);
    const [stored] = (await alice.sdk.getChatMessages({ toJid: bobPhone.jid })).data!;
    expect(stored.status).to.equal('delivered');
  });
});

describe('time is believed only from whom may set it', () => {
  it('a live message stamped a year ahead by its sender is dated on arrival, and a later chat goes on top', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const carol = await foreign();
    const future = new Date(Date.now() + 365 * 24 * 3600_000).toISOString();
    const before = Date.now();
    bob.send(`<message type="chat" to="${alice.jid}" id="f1"><body>from the future</body><delay xmlns="urn:xmpp:delay" stamp="${future}"/></message>`);
    const fromBob = await waitFor(() => alice.messages.find((m) => m.body === 'from the future'), 'bob');
    expect(fromBob.timestamp >= before && fromBob.timestamp <= Date.now()).to.equal(true);
    await sleep(1000);
    carol.send(`<message type="chat" to="${alice.jid}" id="c1"><body>a second later</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'a second later'), 'carol');
    const recent = (await alice.sdk.getRecentChats()).data!;
    expect(recent.map((c) => c.chatJid)).to.deep.equal([carol.jid, bob.jid]);
    expect(recent[1].timestamp <= Date.now()).to.equal(true);
  });

  it('a message that waited for us while we were away keeps the time the server took it', async () => {
    const alice = await person(null, { connect: false });
    const bob = await foreign();
    const sentAt = Date.now();
    bob.send(`<message type="chat" to="${alice.jid}" id="while-away"><body>while you were away</body></message>`);
    await sleep(2500);
    const connectedAt = Date.now();
    expect((await alice.sdk.connect(alice.username, alice.password)).statusCode).to.equal(200);
    const got = await waitFor(async () => (await alice.sdk.getChatMessages({ toJid: bob.jid })).data!.find((m) => m.body === 'while you were away'), 'the message');
    // The server's clock has whole seconds: within a second of sending, well before the sign-in.
    expect(got.timestamp >= sentAt - 1000 && got.timestamp < connectedAt).to.equal(true);
  });

  it('without the archive (history off) an offline delivery still keeps the server\'s time', async () => {
    const alice = await person(null, { connect: false, features: { history: false } });
    const bob = await foreign();
    const sentAt = Date.now();
    bob.send(`<message type="chat" to="${alice.jid}" id="offline-1"><body>stored offline</body></message>`);
    await sleep(2500);
    const connectedAt = Date.now();
    expect((await alice.sdk.connect(alice.username, alice.password)).statusCode).to.equal(200);
    const got = await waitFor(() => alice.messages.find((m) => m.body === 'stored offline'), 'the offline copy');
    expect(got.timestamp >= sentAt - 1000 && got.timestamp < connectedAt).to.equal(true);
  });

  it('the archive keeps its own time: a sender-chosen stamp read back from history is ignored too', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const past = '2001-01-01T00:00:00Z';
    const before = Date.now() - 2000; // the archive's stamps have whole seconds
    bob.send(`<message type="chat" to="${alice.jid}" id="p1"><body>old stamp</body><delay xmlns="urn:xmpp:delay" stamp="${past}"/></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'old stamp'), 'live');
    const fresh = await person({ username: alice.username, password: alice.password });
    const history = (await fresh.sdk.getChatMessages({ toJid: bob.jid })).data!;
    expect(history.length).to.equal(1);
    expect(history[0].timestamp >= before).to.equal(true);
  });
});
