/** Faults found in issue 10 by a second tester (managing chats). Each test failed before its fault was fixed. */
import { expect } from '@open-wc/testing';
import { hasRow, history, send } from './chat-steps.js';
import { buildPrivatePublish } from '../../src/protocol/private-pep.js';
import { peoplePerTest, sleep, unique, waitFor, type Person } from './helpers.js';

const person = peoplePerTest();

const pending = (p: Person) => Object.keys(p.sdk.core!.store!.chatSettings.pending).length;

describe('issue 10: faults found (second round)', () => {
  it('a reply in the same second as a clear stays on a fresh device when the chat was quiet before the clear', async function () {
    this.timeout(40000);
    const one = await person(null);
    const bob = await person(null);
    await send(bob, one, 'a');
    await sleep(6000); // nothing within the 5 s before the clear
    await waitFor(() => Date.now() % 1000 < 150, 'the start of a second');
    expect((await one.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(200);
    const mark = one.sdk.core!.store!.chatSettings.items[bob.jid].cleared!.at;
    await send(bob, one, 'reply');
    const got = (await one.sdk.getChatMessages({ toJid: bob.jid, limit: 50 })).data!.find((m) => m.body === 'reply')!;
    expect(Math.floor(got.timestamp / 1000) === Math.floor(mark / 1000), 'in the same second (set-up)').to.equal(true);
    expect(await history(one, bob.jid), 'the device that cleared shows the reply').to.equal('reply');
    await waitFor(() => pending(one) === 0, 'the clear published');

    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await waitFor(async () => (await history(fresh, bob.jid)).includes('reply'), 'reply', 5000).catch(() => undefined);
    expect(await history(fresh, bob.jid), 'the fresh device shows the reply').to.equal('reply');
  });

  it('a malformed item from another client of the account: a device that stayed online and one that signed in again agree', async function () {
    this.timeout(40000);
    const NODE = 'urn:xmpp:chat-widget:chats:0';
    const one = await person(null);
    const two = await person({ username: one.username, password: one.password });
    const bob = await person(null);
    await send(bob, one, 'a');
    await waitFor(() => hasRow(two, bob.jid), 'two lists bob');
    expect((await one.sdk.updateMuteNotification({ toJid: bob.jid, isMuted: true })).statusCode).to.equal(200);
    await waitFor(() => pending(one) === 0, 'published');
    const muted = async (p: Person) => (await p.sdk.getRecentChats()).data!.find((c) => c.chatJid === bob.jid)?.isMuted;
    await waitFor(() => muted(two), 'muted on two');
    // Another client of the account (a newer widget, say) writes the item in a shape this one does not read.
    const odd = buildPrivatePublish(NODE, bob.jid, (item) => {
      item.c('chat', { xmlns: NODE, jid: bob.jid, muted: 'yes' }).up();
    }, unique('pub'));
    await new Promise((resolve, reject) => one.sdk.core!.conn!.sendIQ(odd.tree(), resolve, reject));
    await sleep(1000);
    await one.sdk.disconnect();
    const again = await person({ username: one.username, password: one.password }, { storagePrefix: one.storagePrefix });
    await waitFor(() => again.connection.some((c) => c.state === 'connected'), 'signed in again');
    await sleep(1500);
    expect(`stayed online: ${await muted(two)}; signed in again: ${await muted(again)}`).to.equal(`stayed online: ${await muted(two)}; signed in again: ${await muted(two)}`);
  });

  it('deleting a chat whose last message is starred takes its row off the list (the star stays in favourites)', async function () {
    this.timeout(40000);
    const one = await person(null);
    const two = await person({ username: one.username, password: one.password });
    const bob = await person(null);
    await send(bob, one, 'a');
    await waitFor(async () => (await history(two, bob.jid)) === 'a', 'two has a');
    const got = (await one.sdk.getChatMessages({ toJid: bob.jid, limit: 50 })).data!.find((m) => m.body === 'a')!;
    expect((await one.sdk.updateFavouriteStatus({ toJid: bob.jid, messageId: got.msgId, isFavourite: true })).statusCode).to.equal(200);
    await sleep(1000);
    expect((await one.sdk.deleteChat({ toJid: bob.jid })).statusCode).to.equal(200);
    await waitFor(() => pending(one) === 0, 'published');
    await sleep(1000);
    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await sleep(1500);
    expect(`one: ${await hasRow(one, bob.jid)}; two: ${await hasRow(two, bob.jid)}; fresh: ${await hasRow(fresh, bob.jid)}`)
      .to.equal('one: false; two: false; fresh: false');
  });

  it('a burst of 120 messages in the 5 s before a clear: none comes back on a fresh device (a limit clear-chat.ts names)', async function () {
    this.timeout(60000);
    const one = await person(null);
    const bob = await person(null);
    const started = Date.now();
    await Promise.all(Array.from({ length: 120 }, (_, i) => bob.sdk.sendTextMessage({ toJid: one.jid, messageText: `burst ${i}` })));
    await waitFor(async () => (await one.sdk.getChatMessages({ toJid: bob.jid, limit: 200 })).data!.length === 120, 'one has all 120');
    expect((await one.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(200);
    expect(Date.now() - started < 4500, `the burst and the clear within 5 s (set-up: ${Date.now() - started} ms)`).to.equal(true);
    expect(await history(one, bob.jid)).to.equal('');
    await waitFor(() => pending(one) === 0, 'the clear published');
    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await sleep(1500);
    const back = (await fresh.sdk.getChatMessages({ toJid: bob.jid, limit: 200 })).data!.length;
    expect(`${back} came back`).to.equal('0 came back');
  });

  it('a cleared chat has the same place in the list on the device that cleared it and on a fresh device', async function () {
    this.timeout(40000);
    const one = await person(null);
    const bob = await person(null);
    const carol = await person(null);
    await send(bob, one, 'a');
    await sleep(1100);
    await send(carol, one, 'c');
    await sleep(1100);
    expect((await one.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(200);
    await waitFor(() => pending(one) === 0, 'the clear published');
    const order = async (p: Person) => (await p.sdk.getRecentChats()).data!.map((c) => (c.chatJid === bob.jid ? 'bob' : c.chatJid === carol.jid ? 'carol' : '?')).join(',');
    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await waitFor(async () => (await order(fresh)).split(',').length === 2, 'two rows', 5000).catch(() => undefined);
    expect(`one: ${await order(one)}; fresh: ${await order(fresh)}`).to.equal(`one: ${await order(one)}; fresh: ${await order(one)}`);
  });
});
