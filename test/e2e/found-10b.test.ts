/** Faults found in issue 10 by a second tester (managing chats). Each test fails because of the fault
 * it names. */
import { expect } from '@open-wc/testing';
import { hasRow, history, send } from './chat-steps.js';
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


  describe('a device whose clock is 20 s ahead of the server\'s', () => {
    const realNow = Date.now;
    const skew = (ms: number) => { Date.now = () => realNow() + ms; };
    afterEach(() => { Date.now = realNow; });

    it('20 s ahead: a reply that comes 3 s after the clear shows on a fresh device', async function () {
      this.timeout(40000);
      skew(20000);
      const one = await person(null);
      const bob = await person(null);
      await send(bob, one, 'x');
      expect((await one.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(200);
      await sleep(3000);
      await send(bob, one, 'reply');
      expect(await history(one, bob.jid), 'the device that cleared shows the reply').to.equal('reply');
      await waitFor(() => pending(one) === 0, 'the clear published');
      const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
      await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
      await waitFor(async () => (await history(fresh, bob.jid)).includes('reply'), 'reply', 5000).catch(() => undefined);
      expect(await history(fresh, bob.jid), 'the fresh device shows the reply').to.equal('reply');
    });
  });

  it('an archived chat deleted, then a new message: back on every device with only that message, still archived', async function () {
    this.timeout(40000);
    const one = await person(null);
    const two = await person({ username: one.username, password: one.password });
    const bob = await person(null);
    await send(bob, one, 'a');
    expect((await one.sdk.updateArchiveChat({ toJid: bob.jid, isArchived: true })).statusCode).to.equal(200);
    expect((await one.sdk.deleteChat({ toJid: bob.jid })).statusCode).to.equal(200);
    await waitFor(() => pending(one) === 0, 'published');
    await sleep(1100);
    await send(bob, one, 'b');
    await waitFor(async () => (await history(two, bob.jid)) === 'b', 'the second device shows only b');
    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await waitFor(async () => (await history(fresh, bob.jid)).includes('b'), 'b', 5000).catch(() => undefined);
    const state = async (p: Person) => {
      const row = (await p.sdk.getRecentChats()).data!.find((c) => c.chatJid === bob.jid);
      const archived = (await p.sdk.getAllArchivedChats()).data!.some((c) => c.chatJid === bob.jid);
      return `${!!row} ${row?.isArchived} ${archived} ${await history(p, bob.jid)}`;
    };
    expect(`one: ${await state(one)}; two: ${await state(two)}; fresh: ${await state(fresh)}`)
      .to.equal('one: true true true b; two: true true true b; fresh: true true true b');
  });

  it('unmuted on another device: getRecentChats says so, and the unread count is in the total again', async function () {
    this.timeout(40000);
    const one = await person(null);
    const two = await person({ username: one.username, password: one.password });
    const bob = await person(null);
    expect((await one.sdk.updateMuteNotification({ toJid: bob.jid, isMuted: true })).statusCode).to.equal(200);
    await waitFor(() => pending(one) === 0, 'published');
    await send(bob, two, 'a');
    await waitFor(async () => (await two.sdk.getRecentChats()).data!.find((c) => c.chatJid === bob.jid)?.isMuted, 'muted on two');
    expect((await one.sdk.updateMuteNotification({ toJid: bob.jid, isMuted: false })).statusCode).to.equal(200);
    await waitFor(async () => (await two.sdk.getRecentChats()).data!.find((c) => c.chatJid === bob.jid)?.isMuted === false, 'unmuted on two', 5000).catch(() => undefined);
    const row = (await two.sdk.getRecentChats()).data!.find((c) => c.chatJid === bob.jid);
    expect(`${row?.isMuted} ${row?.unreadCount} ${two.sdk.core!.binding.totalUnread}`).to.equal('false 1 1');
  });

  it('deleteAllRecentChats takes archived chats too; a new message brings one back with only that message', async function () {
    this.timeout(40000);
    const one = await person(null);
    const bob = await person(null);
    const carol = await person(null);
    await send(bob, one, 'a');
    await send(carol, one, 'c');
    expect((await one.sdk.updateArchiveChat({ toJid: carol.jid, isArchived: true })).statusCode).to.equal(200);
    expect((await one.sdk.deleteAllRecentChats()).statusCode).to.equal(200);
    const rows = (await one.sdk.getRecentChats()).data!.length;
    await sleep(1100);
    await send(carol, one, 'd');
    const archived = (await one.sdk.getAllArchivedChats()).data!.map((c) => c.chatJid === carol.jid).join();
    expect(`${rows} rows; ${await history(one, carol.jid)}; archived: ${archived}; ${await hasRow(one, bob.jid)}`).to.equal('0 rows; d; archived: true; false');
  });
});
