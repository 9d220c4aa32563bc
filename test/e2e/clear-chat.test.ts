/** Clearing and deleting chats for this account (clearChat, deleteChat, clearAllChat,
 * deleteAllRecentChats): the cleared-up-to mark hides what it covers here, after a reload, and from
 * every archive read; the peer keeps everything. The mark reaches other devices through the chat
 * settings' sync (the SYNC part); here a device that has it before it signs in is simulated by putting
 * the chat-settings event into its cache first. */
import { expect } from '@open-wc/testing';
import type { ChatMessage } from '../../src/model/types.js';
import { makePerson, peoplePerTest, sleep, waitFor, wholeHistory, type Person } from './helpers.js';

const person = peoplePerTest();

const history = async (p: Person, chatJid: string) => (await p.sdk.getChatMessages({ toJid: chatJid, limit: 50 })).data!;
const bodies = (list: ChatMessage[]) => list.map((m) => m.body).join('|');
const row = async (p: Person, chatJid: string) => (await p.sdk.getRecentChats()).data!.find((c) => c.chatJid === chatJid);

async function send(from: Person, to: Person, ...texts: string[]): Promise<ChatMessage[]> {
  const sent: ChatMessage[] = [];
  for (const messageText of texts) sent.push((await from.sdk.sendTextMessage({ toJid: to.jid, messageText })).data!);
  const last = sent[sent.length - 1];
  await waitFor(async () => (await history(to, from.jid)).some((m) => m.msgId === last.msgId), `${to.username} has "${last.body}"`);
  return sent;
}

/** Another device of `p`'s account with an empty cache, given `chatJid`'s settings (the mark) before it
 * signs in, as the settings' sync would at sign-in; its catch-up reads `initialSyncMessages` archive
 * entries (the newest first), paging back reads the rest. */
async function freshDeviceWithMark(p: Person, chatJid: string, make: typeof makePerson, initialSyncMessages = 1): Promise<Person> {
  const settings = p.sdk.core!.store!.chatSettings.items[chatJid];
  const fresh = await make({ username: p.username, password: p.password }, { connect: false, initialSyncMessages });
  const store = await fresh.sdk.core!.openCache(p.username);
  await store.dispatch({ kind: 'chat-settings', settings: [settings] });
  expect((await fresh.sdk.connect(p.username, p.password)).statusCode).to.equal(200);
  await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'caught up');
  return fresh;
}

describe('clearChat', () => {
  it('clears everything: the thread is empty, the row stays; after a reload and scrolling back nothing comes back; the peer keeps all', async () => {
    const alice = await person(null);
    const bob = await person(null);
    await send(bob, alice, 'one', 'two', 'three');
    expect((await alice.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(200);
    expect((await history(alice, bob.jid)).length).to.equal(0);
    const cleared = (await row(alice, bob.jid))!;
    expect(`${cleared.lastMessage === null} ${cleared.unreadCount}`).to.equal('true 0');
    expect((await wholeHistory(alice, bob.jid)).length).to.equal(0);

    await alice.sdk.disconnect();
    const reloaded = await person({ username: alice.username, password: alice.password }, { storagePrefix: alice.storagePrefix });
    expect((await history(reloaded, bob.jid)).length).to.equal(0);
    expect((await wholeHistory(reloaded, bob.jid)).length).to.equal(0);
    expect((await row(reloaded, bob.jid))!.lastMessage).to.equal(null);
    await send(bob, reloaded, 'four');
    expect(bodies(await history(reloaded, bob.jid))).to.equal('four');
    expect(bodies(await history(bob, alice.jid))).to.equal('one|two|three|four');
  });

  it('clears up to an id: later and starred messages stay; with favourites: true the starred ones go and are unstarred', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const [, m2, m3] = await send(bob, alice, 'm1', 'm2', 'm3');
    // Archives stamp whole seconds: messages cleared in the same second as the first one kept would
    // come back on another device (the rule's limit, clear-chat.ts).
    await sleep(1100);
    const [m4] = await send(bob, alice, 'm4', 'm5');
    expect((await alice.sdk.updateFavouriteStatus({ toJid: bob.jid, messageId: m2.msgId, isFavourite: true })).statusCode).to.equal(200);
    expect((await alice.sdk.clearChat({ toJid: bob.jid, lastMsgId: m3.msgId })).statusCode).to.equal(200);
    expect(bodies(await history(alice, bob.jid))).to.equal('m2|m4|m5');
    expect((await row(alice, bob.jid))!.lastMessage!.body).to.equal('m5');
    expect(bodies(await wholeHistory(alice, bob.jid))).to.equal('m2|m4|m5');

    // A device that has the mark before it signs in: neither the catch-up nor paging back brings m1 or m3.
    const fresh = await freshDeviceWithMark(alice, bob.jid, person);
    // (The starred m2 is older than the mark: there it is in the favourites, not read into the thread.)
    expect(bodies(await wholeHistory(fresh, bob.jid, 1))).to.equal('m4|m5');

    expect((await alice.sdk.clearChat({ toJid: bob.jid, lastMsgId: m4.msgId, favourites: true })).statusCode).to.equal(200);
    expect(bodies(await history(alice, bob.jid))).to.equal('m5');
    expect((await alice.sdk.getAllFavouriteMessages()).data!.length).to.equal(0);
    expect(bodies(await history(bob, alice.jid))).to.equal('m1|m2|m3|m4|m5');
  });

  it('a device that has the mark before it signs in: the catch-up brings nothing cleared, paging back reads the archive only after the mark', async () => {
    const alice = await person(null);
    const bob = await person(null);
    // One message long before the mark (out of its 5 s window), four just before it.
    await send(bob, alice, 'ancient');
    await sleep(5200);
    const [old1] = await send(bob, alice, 'old 1', 'old 2', 'old 3', 'old 4');
    // Prosody stamps and filters by whole seconds: the mark, and the next message, each a second later.
    await sleep(1100);
    expect((await alice.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(200);
    await sleep(1100);
    await send(bob, alice, 'new');
    // The catch-up reads the whole recent past: the cleared messages in it are stored hidden.
    const caughtUp = await freshDeviceWithMark(alice, bob.jid, person, 100);
    expect(bodies(await wholeHistory(caughtUp, bob.jid))).to.equal('new');
    expect(bodies(caughtUp.messages)).to.equal('');
    expect((await row(caughtUp, bob.jid))!.lastMessage!.body).to.equal('new');
    // The catch-up reads one entry; paging back asks the archive only from the mark's window on (5 s before
    // it, where archive ids decide): the four cleared messages there come as hidden rows, not the ancient
    // one, and the history ends there.
    const paging = await freshDeviceWithMark(alice, bob.jid, person, 1);
    expect(bodies(await wholeHistory(paging, bob.jid, 1))).to.equal('new');
    const log = await paging.sdk.core!.store!.log(bob.jid);
    expect(`${log.size} ${log.meta.complete}`).to.equal('5 true');
    // A reply's lookup (it reads the archive for the chat, then that chat's history) finds nothing either.
    expect((await paging.sdk.getReplyMessage({ replyMessageId: old1.msgId })).statusCode).to.equal(404);
    expect((await caughtUp.sdk.getReplyMessage({ replyMessageId: old1.msgId })).statusCode).to.equal(404);
  });

  it('offline: cleared at once', async () => {
    const alice = await person(null);
    const bob = await person(null);
    await send(bob, alice, 'one', 'two');
    await alice.sdk.disconnect();
    expect((await alice.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(200);
    expect((await history(alice, bob.jid)).length).to.equal(0);
  });

  it('answers 403 when clearChat is off, 404 for an unknown lastMsgId, 400 for bad parameters', async () => {
    const off = await person(null, { features: { clearChat: false } });
    const bob = await person(null);
    expect((await off.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(403);
    expect((await off.sdk.clearAllChat()).statusCode).to.equal(403);
    await send(bob, off, 'hi');
    expect((await bob.sdk.clearChat({ toJid: off.jid, lastMsgId: 'nope' })).statusCode).to.equal(404);
    expect((await bob.sdk.clearChat({ toJid: 'not a jid' })).statusCode).to.equal(400);
    expect((await bob.sdk.clearChat({ toJid: off.jid, favourites: 'yes' as unknown as boolean })).statusCode).to.equal(400);
    expect(bodies(await history(bob, off.jid))).to.equal('hi');
  });
});

describe('deleteChat', () => {
  it('takes the row off the list (also after a reload); a new message brings it back with only that message', async () => {
    const alice = await person(null);
    const bob = await person(null);
    await send(bob, alice, 'one', 'two');
    expect((await alice.sdk.deleteChat({ toJid: bob.jid })).statusCode).to.equal(200);
    expect(await row(alice, bob.jid)).to.equal(undefined);
    await alice.sdk.disconnect();
    const reloaded = await person({ username: alice.username, password: alice.password }, { storagePrefix: alice.storagePrefix });
    expect(await row(reloaded, bob.jid)).to.equal(undefined);
    await send(bob, reloaded, 'three');
    const back = (await row(reloaded, bob.jid))!;
    expect(`${back.lastMessage!.body} ${back.unreadCount}`).to.equal('three 1');
    expect(bodies(await wholeHistory(reloaded, bob.jid))).to.equal('three');
    expect(bodies(await history(bob, alice.jid))).to.equal('one|two|three');
  });

  it('answers 403 when deleteChat is off (deleteAllRecentChats too)', async () => {
    const off = await person(null, { features: { deleteChat: false } });
    const bob = await person(null);
    await send(bob, off, 'hi');
    expect((await off.sdk.deleteChat({ toJid: bob.jid })).statusCode).to.equal(403);
    expect((await off.sdk.deleteAllRecentChats()).statusCode).to.equal(403);
    expect((await row(off, bob.jid))!.lastMessage!.body).to.equal('hi');
  });
});

describe('clearAllChat and deleteAllRecentChats', () => {
  it('act on every recent chat', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const carol = await person(null);
    await send(bob, alice, 'from bob');
    await send(carol, alice, 'from carol');
    expect((await alice.sdk.clearAllChat()).statusCode).to.equal(200);
    expect((await history(alice, bob.jid)).length + (await history(alice, carol.jid)).length).to.equal(0);
    const rows = (await alice.sdk.getRecentChats()).data!;
    expect(`${rows.length} ${rows.every((r) => r.lastMessage === null)}`).to.equal('2 true');
    expect((await alice.sdk.deleteAllRecentChats()).statusCode).to.equal(200);
    expect((await alice.sdk.getRecentChats()).data!.length).to.equal(0);
    expect(bodies(await history(carol, alice.jid))).to.equal('from carol');
  });
});
