/** Clearing and deleting a chat on one device, through the real sync of chat settings (the account's
 * private PEP node): the account's other device follows live, and a fresh device signing in never shows
 * the cleared messages, from the catch-up or from paging back. */
import { expect } from '@open-wc/testing';
import { bodies, hasRow, history, send } from './chat-steps.js';
import { peoplePerTest, sleep, unique, waitFor, wholeHistory } from './helpers.js';

const person = peoplePerTest();


describe('clearing and deleting chats across devices', () => {
  it('a clear up to an id on one device empties that part on the other live and on a fresh device', async function () {
    this.timeout(40000);
    const one = await person(null);
    const two = await person({ username: one.username, password: one.password });
    const bob = await person(null);
    const [, old2] = await send(bob, one, 'old1', 'old2');
    await waitFor(async () => (await history(two, bob.jid)) === 'old1|old2', 'the second device has both');
    // The archive stamps whole seconds: the first message kept is in a later second (clear-chat.ts).
    await sleep(1100);
    await send(bob, one, 'new1');
    await waitFor(async () => (await history(two, bob.jid)).endsWith('new1'), 'the second device has new1');

    expect((await one.sdk.clearChat({ toJid: bob.jid, lastMsgId: old2.msgId })).statusCode).to.equal(200);
    expect(await history(one, bob.jid)).to.equal('new1');
    await waitFor(async () => (await history(two, bob.jid)) === 'new1', 'the second device cleared live');
    expect(await hasRow(two, bob.jid)).to.equal(true);

    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh'), initialSyncMessages: 1 });
    await waitFor(async () => (await history(fresh, bob.jid)).includes('new1'), 'the fresh device has new1');
    expect(bodies(await wholeHistory(fresh, bob.jid, 1))).to.equal('new1');
    expect(bodies(await wholeHistory(bob, one.jid))).to.equal('old1|old2|new1');
  });

  it('a chat deleted on one device leaves the list of the other and of a fresh device; a new message brings it back with only that message', async function () {
    this.timeout(40000);
    const one = await person(null);
    const two = await person({ username: one.username, password: one.password });
    const bob = await person(null);
    await send(bob, one, 'a', 'b');
    await waitFor(() => hasRow(two, bob.jid), 'the second device lists the chat');

    expect((await one.sdk.deleteChat({ toJid: bob.jid })).statusCode).to.equal(200);
    expect(await hasRow(one, bob.jid)).to.equal(false);
    await waitFor(async () => !(await hasRow(two, bob.jid)), 'the chat left the second device');

    const fresh = await person({ username: one.username, password: one.password }, { storagePrefix: unique('fresh') });
    await waitFor(() => fresh.connection.some((c) => c.state === 'connected'), 'the fresh device is online');
    await sleep(300);
    expect(await hasRow(fresh, bob.jid)).to.equal(false);

    await sleep(1100);
    await send(bob, one, 'c');
    for (const p of [one, two, fresh]) {
      await waitFor(async () => (await history(p, bob.jid)) === 'c', `${p === one ? 'one' : p === two ? 'two' : 'fresh'} shows only the new message`);
      expect(await hasRow(p, bob.jid)).to.equal(true);
    }
  });
});
