import { expect } from '@open-wc/testing';
import { peoplePerTest, waitFor, sleep, wholeHistory } from './helpers.js';
import { foreignPerTest, type Foreign } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

// The shapes profanity, Conversations, Dino and Gajim send: the correction has its own id and names the
// original's id attribute in <replace/> (XEP-0308).
const original = (to: string, id: string, body: string) =>
  `<message type="chat" to="${to}" id="${id}"><body>${body}</body><origin-id xmlns="urn:xmpp:sid:0" id="${id}"/><active xmlns="http://jabber.org/protocol/chatstates"/></message>`;
const correction = (to: string, id: string, replaces: string, body: string) =>
  `<message type="chat" to="${to}" id="${id}"><body>${body}</body><replace xmlns="urn:xmpp:message-correct:0" id="${replaces}"/>`
  + `<origin-id xmlns="urn:xmpp:sid:0" id="${id}"/></message>`;

async function sendCorrected(bob: Foreign, to: string) {
  bob.send(original(to, 'p1', 'see you at 5'));
  await sleep(100);
  bob.send(correction(to, 'p2', 'p1', 'see you at 6'));
}

describe('corrections from other clients (XEP-0308)', () => {
  it('live: one message, now corrected and marked edited; the recent preview follows', async () => {
    const alice = await person(null);
    const bob = await foreign();
    await sendCorrected(bob, alice.jid);
    await waitFor(async () => (await alice.sdk.getChatMessages({ toJid: bob.jid })).data![0]?.body === 'see you at 6', 'the correction');
    const history = (await alice.sdk.getChatMessages({ toJid: bob.jid })).data!;
    expect(history.map((m) => m.body)).to.deep.equal(['see you at 6']);
    expect(history[0].msgId).to.equal('p1');
    expect(typeof history[0].editedAt).to.equal('number');
    expect((await alice.sdk.getRecentChats()).data![0].lastMessage!.body).to.equal('see you at 6');
    expect((await alice.sdk.getRecentChats()).data![0].unreadCount).to.equal(1);
  });

  it('only the original sender may correct: not this account\'s other device, not another person', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const aliceOther = await foreign({ username: alice.username, password: alice.password, jid: alice.jid });
    bob.send(original(alice.jid, 'p1', 'the original'));
    await waitFor(() => alice.messages.some((m) => m.body === 'the original'), 'original');
    // Alice's other client "corrects" bob's message: a carbon of an outgoing correction naming his id.
    aliceOther.send(correction(bob.jid, 'x1', 'p1', 'hijacked'));
    const carol = await foreign();
    carol.send(correction(alice.jid, 'x2', 'p1', 'hijacked too'));
    await waitFor(() => alice.messages.length >= 1, 'settle');
    await sleep(500);
    const history = (await alice.sdk.getChatMessages({ toJid: bob.jid })).data!;
    expect(history.map((m) => m.body)).to.deep.equal(['the original']);
    expect(history[0].editedAt === undefined).to.equal(true);
  });

  it('a correction this account makes on another device arrives by carbon and corrects its own message', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const aliceOther = await foreign({ username: alice.username, password: alice.password, jid: alice.jid });
    await sendCorrected(aliceOther, bob.jid);
    await waitFor(async () => (await alice.sdk.getChatMessages({ toJid: bob.jid })).data![0]?.body === 'see you at 6', 'the carbon correction');
    expect((await alice.sdk.getChatMessages({ toJid: bob.jid })).data!.length).to.equal(1);
  });

  it('history read later (a fresh device) shows the corrected text once, also when the correction comes a page before its original', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(original(alice.jid, 'p1', 'see you at 5'));
    for (const n of [1, 2, 3]) bob.send(original(alice.jid, `n${n}`, `later ${n}`));
    await sleep(100);
    bob.send(correction(alice.jid, 'p2', 'p1', 'see you at 6'));
    await waitFor(async () => (await alice.sdk.getChatMessages({ toJid: bob.jid })).data![0]?.body === 'see you at 6', 'corrected live');
    await alice.sdk.disconnect();
    const expected = ['see you at 6', 'later 1', 'later 2', 'later 3'];

    // Reads the whole archive in one page.
    const whole = await person({ username: alice.username, password: alice.password });
    await waitFor(async () => (await whole.sdk.getRecentChats()).data!.length === 1, 'synced');
    expect((await wholeHistory(whole, bob.jid)).map((m) => m.body)).to.deep.equal(expected);
    await whole.sdk.disconnect();

    // Reads the newest 2 archive entries first (the correction, not its original), then scrolls up.
    const paged = await person({ username: alice.username, password: alice.password }, { initialSyncMessages: 2 });
    await waitFor(async () => (await paged.sdk.getRecentChats()).data!.length === 1, 'synced');
    expect((await paged.sdk.core!.cachedMessages(bob.jid, 10)).map((m) => m.body)).to.deep.equal(['later 3']);
    expect((await wholeHistory(paged, bob.jid, 2)).map((m) => m.body)).to.deep.equal(expected);
  });
});
