/** Faults found in issue 10 (managing chats: clear, delete, mute, archive, notifications, synced across
 * an account's devices). Each test failed before its fault was fixed. */
import { expect } from '@open-wc/testing';
import { hasRow, history, send } from './chat-steps.js';
import { peoplePerTest, sleep, startServer, stopServer, unique, waitFor, type Person } from './helpers.js';

const person = peoplePerTest();

const pending = (p: Person) => Object.keys(p.sdk.core!.store!.chatSettings.pending).length;

describe('issue 10: faults found', () => {
  it('a chat deleted on one device while offline does not vanish from the other device that already shows a newer message', async function () {
    this.timeout(40000);
    const one = await person(null);
    const two = await person({ username: one.username, password: one.password });
    const bob = await person(null);
    await send(bob, one, 'a');
    await waitFor(async () => (await history(two, bob.jid)) === 'a', 'the second device has a');

    // Device one deletes the chat while offline (the change waits to be published).
    await one.sdk.disconnect();
    expect((await one.sdk.deleteChat({ toJid: bob.jid })).statusCode).to.equal(200);
    await one.sdk.core!.store!.flush();
    await sleep(1100);
    // Bob writes after the delete: the second device shows it.
    await send(bob, two, 'b');
    expect(await hasRow(two, bob.jid)).to.equal(true);

    // Device one comes back: its delete goes out; the chat has a message newer than the delete.
    const back = await person({ username: one.username, password: one.password }, { storagePrefix: one.storagePrefix });
    await waitFor(() => pending(back) === 0, 'the delete published');
    await waitFor(async () => (await history(back, bob.jid)) === 'b', 'the device that deleted shows only b');
    expect(await hasRow(back, bob.jid), 'listed on the device that deleted').to.equal(true);
    await waitFor(async () => (await history(two, bob.jid)) === 'b', 'the second device cleared a');
    await sleep(500);
    expect(await hasRow(two, bob.jid), 'listed on the second device, which shows b').to.equal(true);
  });

  it('a peer message that comes right after a delete (same second) shows on a fresh device too', async function () {
    this.timeout(40000);
    const one = await person(null);
    const bob = await person(null);
    await send(bob, one, 'a');
    // Just after the start of a second, so the reply comes in the same second as the delete.
    await waitFor(() => Date.now() % 1000 < 150, 'the start of a second');
    expect((await one.sdk.deleteChat({ toJid: bob.jid })).statusCode).to.equal(200);
    const mark = one.sdk.core!.store!.chatSettings.items[bob.jid].cleared!.at;
    await send(bob, one, 'reply');
    const got = (await one.sdk.getChatMessages({ toJid: bob.jid, limit: 50 })).data!.find((m) => m.body === 'reply')!;
    expect(got.timestamp > mark, 'the reply came after the delete').to.equal(true);
    expect(Math.floor(got.timestamp / 1000) === Math.floor(mark / 1000), 'in the same second (set-up)').to.equal(true);
    await waitFor(() => pending(one) === 0, 'the delete published');

    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await sleep(1000);
    expect(await history(fresh, bob.jid), 'the fresh device shows the reply').to.equal('reply');
    expect(await hasRow(fresh, bob.jid), 'the fresh device lists the chat').to.equal(true);
  });

  it('a message of ours still pending when the chat is cleared is treated the same on every device', async function () {
    this.timeout(60000);
    const one = await person(null);
    const two = await person({ username: one.username, password: one.password });
    const bob = await person(null);
    await send(bob, one, 'old');
    await waitFor(async () => (await history(two, bob.jid)) === 'old', 'the second device has old');

    await stopServer();
    try {
      await waitFor(() => one.sdk.core!.connectionState === 'reconnecting', 'one notices');
      const queued = await one.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'queued' });
      expect(queued.data!.status).to.equal('pending');
      expect((await one.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(200);
      await sleep(1500); // the server is back a while later, as networks are
    } finally {
      await startServer();
    }
    await waitFor(() => bob.messages.some((m) => m.body === 'queued'), 'bob gets the queued message', 30000);
    await waitFor(() => pending(one) === 0, 'the clear published', 20000);
    await waitFor(async () => !(await history(two, bob.jid)).includes('old'), 'the second device cleared old', 20000);
    // Room for the queued message to show up on the other devices, if it does.
    const settle = (p: Person) => waitFor(async () => (await history(p, bob.jid)).includes('queued'), 'queued', 8000).catch(() => undefined);
    await settle(two);
    const onOne = await history(one, bob.jid);
    const onTwo = await history(two, bob.jid);
    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await settle(fresh);
    const onFresh = await history(fresh, bob.jid);
    expect(`one: ${onOne}; two: ${onTwo}; fresh: ${onFresh}`).to.equal(`one: ${onOne}; two: ${onOne}; fresh: ${onOne}`);
  });

  it('a cleared (not deleted) chat stays listed on a fresh device, as on the device that cleared it', async function () {
    this.timeout(40000);
    const one = await person(null);
    const bob = await person(null);
    await send(bob, one, 'a', 'b');
    expect((await one.sdk.clearChat({ toJid: bob.jid })).statusCode).to.equal(200);
    expect(await hasRow(one, bob.jid), 'listed on the device that cleared').to.equal(true);
    await waitFor(() => pending(one) === 0, 'the clear published');
    const reloaded = await person({ username: one.username, password: one.password }, { storagePrefix: one.storagePrefix });
    await waitFor(() => reloaded.connection.some((c) => c.state === 'connected'), 'reloaded online');
    expect(await hasRow(reloaded, bob.jid), 'listed after a reload').to.equal(true);
    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await sleep(1500);
    expect(await hasRow(fresh, bob.jid), 'listed on a fresh device').to.equal(true);
  });

  it('a delete on one device and a mute made offline on the other end with the same chat list on both', async function () {
    this.timeout(40000);
    const one = await person(null);
    const two = await person({ username: one.username, password: one.password });
    const bob = await person(null);
    await send(bob, one, 'a');
    await waitFor(() => hasRow(two, bob.jid), 'the second device lists the chat');
    await two.sdk.disconnect();
    expect((await two.sdk.updateMuteNotification({ toJid: bob.jid, isMuted: true })).statusCode).to.equal(200);
    await two.sdk.core!.store!.flush();
    expect((await one.sdk.deleteChat({ toJid: bob.jid })).statusCode).to.equal(200);
    await waitFor(() => pending(one) === 0, 'the delete published');

    const back = await person({ username: one.username, password: one.password }, { storagePrefix: two.storagePrefix });
    await waitFor(() => pending(back) === 0, 'the mute published');
    await waitFor(() => one.sdk.core!.store!.chatSettings.items[bob.jid]?.muted, 'the mute reached the first device');
    await sleep(500);
    const state = async (p: Person) => `${await hasRow(p, bob.jid)} ${await history(p, bob.jid)}`;
    expect(`one: ${await state(one)}; two: ${await state(back)}`).to.equal(`one: ${await state(one)}; two: ${await state(one)}`);
  });

  it('clearing up to my message keeps the reply that came in the same second, on a fresh device too', async function () {
    this.timeout(40000);
    const one = await person(null);
    const bob = await person(null);
    await send(bob, one, 'hi');
    await waitFor(() => Date.now() % 1000 < 200, 'the start of a second');
    const mine = (await one.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'mine' })).data!;
    await waitFor(async () => (await history(bob, one.jid)).includes('mine'), 'bob has mine');
    await bob.sdk.sendTextMessage({ toJid: one.jid, messageText: 'reply' });
    await waitFor(async () => (await history(one, bob.jid)).includes('reply'), 'one has the reply');
    const cached = (await one.sdk.getChatMessages({ toJid: bob.jid, limit: 50 })).data!;
    const reply = cached.find((m) => m.body === 'reply')!;
    expect(Math.floor(reply.timestamp / 1000) === Math.floor(mine.timestamp / 1000), 'the reply in the same second (set-up)').to.equal(true);
    expect((await one.sdk.clearChat({ toJid: bob.jid, lastMsgId: mine.msgId })).statusCode).to.equal(200);
    expect(await history(one, bob.jid)).to.equal('reply');
    await waitFor(() => pending(one) === 0, 'the clear published');
    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await waitFor(async () => (await history(fresh, bob.jid)).includes('reply'), 'reply', 5000).catch(() => undefined);
    expect(await history(fresh, bob.jid), 'the fresh device keeps the reply').to.equal('reply');
  });
});
