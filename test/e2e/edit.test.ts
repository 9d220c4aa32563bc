import { expect } from '@open-wc/testing';
import { peoplePerTest, sleep, startServer, stopServer, waitFor, wholeHistory, type Person } from './helpers.js';
import { foreignPerTest } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

const CORRECT = 'urn:xmpp:message-correct:0';
const replaceOf = (m: Element) => m.getElementsByTagNameNS(CORRECT, 'replace')[0]?.getAttribute('id') ?? null;
const bodyOf = (m: Element) => m.getElementsByTagName('body')[0]?.textContent ?? null;

async function history(p: Person, peer: string) {
  return (await p.sdk.getChatMessages({ toJid: peer })).data!;
}

describe('editing our own messages (XEP-0308)', () => {
  it('both ways: the peer and our other device see the new text once, marked edited; a fresh device reads the latest text once from the archive', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const aliceOther = await person({ username: alice.username, password: alice.password });
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'see you at 5' })).data!;
    await waitFor(() => bob.messages.some((m) => m.body === 'see you at 5'), 'bob has it');
    await waitFor(() => aliceOther.messages.some((m) => m.body === 'see you at 5'), 'the carbon');

    const edited = await alice.sdk.editMessage({ toJid: bob.jid, messageId: sent.msgId, messageText: 'see you at 6' });
    expect(edited.statusCode).to.equal(200);
    expect(edited.data!.body).to.equal('see you at 6');
    expect(typeof edited.data!.editedAt).to.equal('number');
    // Shown at once in our own store: the same message, not a second one.
    expect((await history(alice, bob.jid)).map((m) => m.body).join('|')).to.equal('see you at 6');

    await waitFor(async () => (await history(bob, alice.jid))[0]?.body === 'see you at 6', 'bob sees the edit');
    const atBob = await history(bob, alice.jid);
    expect(atBob.length).to.equal(1);
    expect(typeof atBob[0].editedAt).to.equal('number');
    expect((await bob.sdk.getRecentChats()).data![0].lastMessage!.body).to.equal('see you at 6');
    await waitFor(async () => (await history(aliceOther, bob.jid))[0]?.body === 'see you at 6', 'our other device sees the edit');
    expect((await history(aliceOther, bob.jid)).length).to.equal(1);

    // A second edit, and bob edits his own reply.
    await alice.sdk.editMessage({ toJid: bob.jid, messageId: sent.msgId, messageText: 'see you at 7' });
    const reply = (await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'ok!' })).data!;
    await waitFor(() => alice.messages.some((m) => m.body === 'ok!'), 'the reply');
    await bob.sdk.editMessage({ toJid: alice.jid, messageId: reply.msgId, messageText: 'ok, 7 it is' });
    await waitFor(async () => (await history(alice, bob.jid)).map((m) => m.body).join('|') === 'see you at 7|ok, 7 it is', 'alice sees bob\'s edit');
    await waitFor(async () => (await history(bob, alice.jid)).map((m) => m.body).join('|') === 'see you at 7|ok, 7 it is', 'bob sees the second edit');

    const fresh = await person({ username: alice.username, password: alice.password });
    await waitFor(async () => (await fresh.sdk.getRecentChats()).data!.length === 1, 'synced');
    const read = await wholeHistory(fresh, bob.jid);
    expect(read.map((m) => m.body).join('|')).to.equal('see you at 7|ok, 7 it is');
    expect(read.every((m) => typeof m.editedAt === 'number')).to.equal(true);
  });

  it('the correction names the original message, also for a later edit (XEP-0308)', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'one' })).data!;
    await alice.sdk.editMessage({ toJid: bob.jid, messageId: sent.msgId, messageText: 'two' });
    await alice.sdk.editMessage({ toJid: bob.jid, messageId: sent.msgId, messageText: 'three' });
    await bob.waitForMessage((m) => bodyOf(m) === 'three', 'the second correction');
    const corrections = bob.received.filter((m) => replaceOf(m) !== null);
    expect(corrections.map(bodyOf).join('|')).to.equal('two|three');
    expect(corrections.every((m) => replaceOf(m) === sent.msgId)).to.equal(true);
  });

  it('an edit made while the server is down survives a reload and reaches the peer exactly once', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const sent = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'draft' })).data!;
    await bob.waitForMessage((m) => bodyOf(m) === 'draft', 'the original');
    await stopServer();
    try {
      await waitFor(() => alice.sdk.core!.connectionState === 'reconnecting', 'alice to notice');
      const edited = await alice.sdk.editMessage({ toJid: bob.jid, messageId: sent.msgId, messageText: 'final' });
      expect(edited.statusCode).to.equal(200);
      expect(edited.data!.body).to.equal('final');
      await alice.sdk.disconnect(); // the page reloads
    } finally {
      await startServer();
    }
    await bob.reconnect();
    const again = await person({ username: alice.username, password: alice.password }, { storagePrefix: alice.storagePrefix });
    await bob.waitForMessage((m) => bodyOf(m) === 'final' && replaceOf(m) === sent.msgId, 'the queued correction', 20000);
    await waitFor(() => again.sdk.core!.store!.pendingOutbox.length === 0, 'the outbox emptied');
    // Another reload: nothing goes again.
    await again.sdk.disconnect();
    const third = await person({ username: alice.username, password: alice.password }, { storagePrefix: alice.storagePrefix });
    await waitFor(() => third.sdk.core!.connectionState === 'connected', 'online again');
    await sleep(1000); // room for a duplicate to show up, if there were one
    expect(bob.received.filter((m) => replaceOf(m) !== null).length).to.equal(1);
    expect((await history(third, bob.jid)).map((m) => m.body).join('|')).to.equal('final');
  });

  it('400 for someone else\'s message, a media message, a blank text; 404 unknown; 403 when editMessage is off', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const aliceOther = await foreign({ username: alice.username, password: alice.password, jid: alice.jid });
    const url = 'https://files.example.org/a.png';
    bob.send(`<message type="chat" to="${alice.jid}" id="b1"><body>his</body></message>`);
    // An image this account sent from another client (XEP-0066 OOB), reaching us as a carbon.
    aliceOther.send(`<message type="chat" to="${bob.jid}" id="img1"><body>${url}</body><x xmlns="jabber:x:oob"><url>${url}</url></x></message>`);
    await waitFor(async () => (await history(alice, bob.jid)).length === 2, 'both messages');
    const mine = (await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'mine' })).data!;

    const edit = (messageId: string, messageText = 'changed') => alice.sdk.editMessage({ toJid: bob.jid, messageId, messageText });
    expect((await edit('b1')).statusCode).to.equal(400);
    expect((await edit('img1')).statusCode).to.equal(400);
    expect((await edit(mine.msgId, '  ')).statusCode).to.equal(400);
    expect((await edit('nope')).statusCode).to.equal(404);
    expect((await history(alice, bob.jid)).map((m) => m.body).includes('changed')).to.equal(false);

    const off = await person({ username: alice.username, password: alice.password }, { features: { editMessage: false } });
    expect((await off.sdk.editMessage({ toJid: bob.jid, messageId: mine.msgId, messageText: 'x' })).statusCode).to.equal(403);
  });
});
