import { expect } from '@open-wc/testing';
import type { ChatMessage } from '../../src/model/types.js';
import { peoplePerTest, sleep, waitFor, wholeHistory, type Person } from './helpers.js';
import { foreignPerTest } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

const history = async (p: Person, chatJid: string) => (await p.sdk.getChatMessages({ toJid: chatJid, limit: 50 })).data!;
const bodies = (list: ChatMessage[]) => list.map((m) => (m.retracted ? '(deleted)' : m.body)).join('|');

// A message as Conversations, Gajim and Dino send it: id equal to the origin-id.
const original = (to: string, id: string, body: string) =>
  `<message type="chat" to="${to}" id="${id}"><body>${body}</body><origin-id xmlns="urn:xmpp:sid:0" id="${id}"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>`;
// XEP-0424 0.4 as Conversations (Conversations' MessageGenerator) and converse.js send it in a 1:1 chat:
// <retract id=origin-id/>, a XEP-0428 fallback marker, a fallback body and a store hint.
const retract1 = (to: string, id: string, target: string) =>
  `<message type="chat" to="${to}" id="${id}"><retract xmlns="urn:xmpp:message-retract:1" id="${target}"/>`
  + `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/><body>/me retracted a previous message, but it's unsupported by your client.</body>`
  + `<store xmlns="urn:xmpp:hints"/><origin-id xmlns="urn:xmpp:sid:0" id="${id}"/></message>`;
// The older XEP-0424 0.2/0.3 shape (Gajim before 1.9, converse.js 7-10): XEP-0422 apply-to.
const retract0 = (to: string, id: string, target: string) =>
  `<message type="chat" to="${to}" id="${id}"><apply-to xmlns="urn:xmpp:fasten:0" id="${target}"><retract xmlns="urn:xmpp:message-retract:0"/></apply-to>`
  + `<fallback xmlns="urn:xmpp:fallback:0"/><body>This person attempted to retract a previous message, but it's unsupported by your client.</body>`
  + `<store xmlns="urn:xmpp:hints"/></message>`;

describe('delete for everyone (XEP-0424)', () => {
  it('removes our message at the peer live and in the archive; both sides show it deleted', async () => {
    const alice = await person(null);
    // No receipts from bob: the newest entries of his archive are then alice's messages.
    const bob = await person(null, { features: { deliveryReceipts: false } });
    const secret = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'secret' })).data!;
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'later 1' });
    await waitFor(async () => (await history(bob, alice.jid)).length === 2, 'bob has the messages');
    const res = await alice.sdk.deleteMessagesForEveryone({ toJid: bob.jid, messageIds: [secret.msgId] });
    expect(res.statusCode).to.equal(200);
    expect(bodies(await history(alice, bob.jid))).to.equal('(deleted)|later 1');
    await waitFor(async () => (await history(bob, alice.jid))[0].retracted === true, 'retracted at bob');
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'later 2' });
    await waitFor(async () => (await history(bob, alice.jid)).length === 3, 'the last one');
    expect(bodies(await history(bob, alice.jid))).to.equal('(deleted)|later 1|later 2');
    expect(bob.messages.some((m) => m.body.includes('retract'))).to.equal(false);

    // A fresh device of bob reads the archive: whole, and the newest entry first (the retraction is met
    // a page before its original).
    const whole = await person({ username: bob.username, password: bob.password });
    await waitFor(async () => (await whole.sdk.getRecentChats()).data!.length === 1, 'synced');
    expect(bodies(await wholeHistory(whole, alice.jid))).to.equal('(deleted)|later 1|later 2');
    // The newest two archive entries first (the retraction and later 2), then the rest. (A retraction
    // waiting for its original across archive pages: test/unit/removals.test.ts.)
    const paged = await person({ username: bob.username, password: bob.password }, { initialSyncMessages: 2 });
    await waitFor(async () => (await paged.sdk.getRecentChats()).data!.length === 1, 'synced');
    expect(bodies(await paged.sdk.core!.cachedMessages(alice.jid, 10))).to.equal('later 2');
    const read = await wholeHistory(paged, alice.jid, 1);
    expect(bodies(read)).to.equal('(deleted)|later 1|later 2');
    expect(read.some((m) => m.body === 'secret')).to.equal(false);
  });

  it('the retracted last message: the recent preview says so; a media message leaves the media list', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="img1"><body>https://example.org/a.png</body><x xmlns="jabber:x:oob"><url>https://example.org/a.png</url></x><origin-id xmlns="urn:xmpp:sid:0" id="img1"/></message>`);
    await waitFor(async () => (await alice.sdk.getMediaMessages({ toUserJid: bob.jid })).data!.length === 1, 'the image');
    bob.send(retract1(alice.jid, 'r1', 'img1'));
    await waitFor(async () => (await alice.sdk.getRecentChats()).data![0].lastMessage!.retracted === true, 'preview deleted');
    expect((await alice.sdk.getMediaMessages({ toUserJid: bob.jid })).data!.length).to.equal(0);
    const [m] = await history(alice, bob.jid);
    expect(m.retracted === true && m.body === '' && m.media === undefined).to.equal(true);
  });

  it('sends the current XEP-0424 shape naming the origin-id, with fallback and store hint', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'oops' })).data!;
    await bob.waitForMessage((m) => m.querySelector('body')?.textContent === 'oops', 'original');
    await alice.sdk.deleteMessagesForEveryone({ toJid: bob.jid, messageIds: [sent.msgId] });
    const r = await bob.waitForMessage((m) => m.getElementsByTagNameNS('urn:xmpp:message-retract:1', 'retract').length > 0, 'retraction');
    expect(r.getElementsByTagNameNS('urn:xmpp:message-retract:1', 'retract')[0].getAttribute('id')).to.equal(sent.originId);
    expect(r.getElementsByTagNameNS('urn:xmpp:fallback:0', 'fallback')[0].getAttribute('for')).to.equal('urn:xmpp:message-retract:1');
    expect(r.getElementsByTagNameNS('urn:xmpp:hints', 'store').length).to.equal(1);
    expect(r.querySelector('body')!.textContent!.includes('retract')).to.equal(true);
  });

  it('honours retractions in other clients\' shapes (:1 and :0) from the sender, and our own from another device by carbon', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const aliceOther = await foreign({ username: alice.username, password: alice.password, jid: alice.jid });
    bob.send(original(alice.jid, 'p1', 'one'));
    bob.send(original(alice.jid, 'p2', 'two'));
    aliceOther.send(original(bob.jid, 'a1', 'mine'));
    bob.send(original(alice.jid, 'p3', 'three'));
    await waitFor(async () => (await history(alice, bob.jid)).length === 4, 'four messages');
    bob.send(retract1(alice.jid, 'r1', 'p1'));
    bob.send(retract0(alice.jid, 'r2', 'p2'));
    aliceOther.send(retract1(bob.jid, 'r3', 'a1'));
    // The carbon of alice's other device may come before or after bob's messages.
    await waitFor(async () => bodies(await history(alice, bob.jid)).split('|').sort().join('|') === '(deleted)|(deleted)|(deleted)|three', 'retracted');
    expect(alice.messages.filter((m) => m.body.includes('retract')).length).to.equal(0);
  });

  it('ignores a retraction from anyone but the sender: live, by carbon, and in the archive', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const carol = await foreign();
    const aliceOther = await foreign({ username: alice.username, password: alice.password, jid: alice.jid });
    bob.send(original(alice.jid, 'p1', 'from bob'));
    await waitFor(async () => (await history(alice, bob.jid)).length === 1, 'original');
    carol.send(retract1(alice.jid, 'x1', 'p1')); // live, another person
    aliceOther.send(retract1(bob.jid, 'x2', 'p1')); // carbon: this account "retracting" bob's message
    // A forged carbon: bob wraps a "sent" carbon claiming to be alice's retraction.
    bob.send(`<message to="${alice.jid}"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">`
      + `<message xmlns="jabber:client" type="chat" from="${alice.jid}/x" to="${bob.jid}" id="x3"><retract xmlns="urn:xmpp:message-retract:1" id="p1"/><body>x</body></message>`
      + `</forwarded></sent></message>`);
    bob.send(original(alice.jid, 'p9', 'settled'));
    await waitFor(async () => (await history(alice, bob.jid)).length === 2, 'settled');
    await sleep(300);
    expect(bodies(await history(alice, bob.jid))).to.equal('from bob|settled');
    // The archive holds carol's and the carbon's retractions: a fresh device reading it, whole and newest
    // first, still shows bob's message.
    const fresh = await person({ username: alice.username, password: alice.password }, { initialSyncMessages: 1 });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'online');
    expect(bodies(await wholeHistory(fresh, bob.jid, 1))).to.equal('from bob|settled');
  });

  it('offline: deleted here at once, the retraction sent once online; the message does not come back', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'take back' })).data!;
    await waitFor(async () => (await history(bob, alice.jid)).length === 1, 'delivered');
    await alice.sdk.disconnect();
    expect((await alice.sdk.deleteMessagesForEveryone({ toJid: bob.jid, messageIds: [sent.msgId] })).statusCode).to.equal(200);
    expect(bodies(await history(alice, bob.jid))).to.equal('(deleted)');
    await alice.sdk.connect(alice.username, alice.password);
    await waitFor(async () => (await history(bob, alice.jid))[0].retracted === true, 'retracted at bob once online');
    expect(bodies(await history(alice, bob.jid))).to.equal('(deleted)');
  });
});

describe('delete for me', () => {
  it('hides messages for this account: after a reload, on its other device live and at sign-in, and when the archive is read again', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const other = await person({ username: alice.username, password: alice.password });
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'keep' });
    const drop = (await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'drop' })).data!;
    await waitFor(async () => (await history(alice, bob.jid)).length === 2 && (await history(other, bob.jid)).length === 2, 'both devices');
    expect((await alice.sdk.deleteMessagesForMe({ toJid: bob.jid, messageIds: [drop.msgId] })).statusCode).to.equal(200);
    expect(bodies(await history(alice, bob.jid))).to.equal('keep');
    expect((await alice.sdk.getRecentChats()).data![0].lastMessage!.body).to.equal('keep');
    await waitFor(async () => bodies(await history(other, bob.jid)) === 'keep', 'hidden on the other device, live');
    expect(bodies(await history(bob, alice.jid))).to.equal('keep|drop');

    await alice.sdk.disconnect();
    const reloaded = await person({ username: alice.username, password: alice.password }, { storagePrefix: alice.storagePrefix });
    expect(bodies(await history(reloaded, bob.jid))).to.equal('keep');
    const fresh = await person({ username: alice.username, password: alice.password });
    await waitFor(async () => (await fresh.sdk.getRecentChats()).data!.length === 1, 'synced');
    expect(bodies(await wholeHistory(fresh, bob.jid))).to.equal('keep');
    expect((await fresh.sdk.getRecentChats()).data![0].lastMessage!.body).to.equal('keep');
    expect(fresh.messages.some((m) => m.body === 'drop')).to.equal(false);
  });

  it('answers 403 when deleteMessage is off, 400 and 404 for bad requests', async () => {
    const alice = await person(null, { features: { deleteMessage: false } });
    const bob = await person(null);
    const mine = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'x' })).data!;
    expect((await alice.sdk.deleteMessagesForMe({ toJid: bob.jid, messageIds: [mine.msgId] })).statusCode).to.equal(403);
    expect((await alice.sdk.deleteMessagesForEveryone({ toJid: bob.jid, messageIds: [mine.msgId] })).statusCode).to.equal(403);
    const theirs = (await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'y' })).data!;
    await waitFor(async () => (await history(bob, alice.jid)).length === 2, 'both');
    expect((await bob.sdk.deleteMessagesForEveryone({ toJid: alice.jid, messageIds: [mine.msgId] })).statusCode).to.equal(400);
    expect((await bob.sdk.deleteMessagesForEveryone({ toJid: alice.jid, messageIds: ['nope'] })).statusCode).to.equal(404);
    expect((await bob.sdk.deleteMessagesForMe({ toJid: alice.jid, messageIds: [] })).statusCode).to.equal(400);
    expect((await bob.sdk.deleteMessagesForMe({ toJid: 'not a jid', messageIds: [theirs.msgId] })).statusCode).to.equal(400);
    expect(bodies(await history(bob, alice.jid)).split('|').sort().join('|')).to.equal('x|y');
  });
});
