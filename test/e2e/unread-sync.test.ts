/** Unread across devices: what reached this account and no device of it has displayed counts as
 * unread however it arrived (live, offline delivery, the archive catch-up of a new device), once; what
 * one device displayed is known to the others (XEP-0490 over the account's private PEP node), live and
 * at sign-in, with seen status on or off; only our own account's notifications are believed. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/launcher/define.js';
import type { ChatLauncher } from '../../src/components/launcher/chat-launcher.js';
import type { ChatMessage, RecentChat } from '../../src/model/types.js';
import { esc, foreignPerTest, type Foreign } from './foreign.js';
import { makePerson, peoplePerTest, server, unique, waitFor, ignoreResizeObserverNotice, type Person } from './helpers.js';

ignoreResizeObserverNotice();

const person = peoplePerTest();
const foreign = foreignPerTest();

/** A chat message as everyday clients send it: markable, asking for a receipt. */
const chatMessage = (to: string, id: string, body: string) =>
  `<message type="chat" to="${esc(to)}" id="${esc(id)}"><body>${esc(body)}</body>`
  + '<request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>';

/** Resolves once the server has processed everything `who` sent before (a ping round trip). */
async function settled(who: Foreign): Promise<void> {
  const { domain } = await server();
  await who.iq(`<iq type="get" to="${domain}" id="${unique('ping')}"><ping xmlns="urn:xmpp:ping"/></iq>`);
}

/** Bob's chat as `p` lists it now. */
async function chatWith(p: Person, jid: string): Promise<RecentChat | undefined> {
  return (await p.sdk.getRecentChats()).data!.find((c) => c.chatJid === jid);
}

const unread = async (p: Person, jid: string) => (await chatWith(p, jid))?.unreadCount ?? -1;

/** An account nobody of which is online, with `count` messages from a foreign client waiting for it. */
async function aliceAwayWhileBobWrites(count: number): Promise<{ alice: { username: string; password: string; jid: string }; bob: Foreign }> {
  const registered = await makePerson(null, { connect: false });
  const alice = { username: registered.username, password: registered.password, jid: registered.jid };
  const bob = await foreign();
  for (let i = 1; i <= count; i++) bob.send(chatMessage(alice.jid, `away-${i}`, `while you were away ${i}`));
  await settled(bob);
  return { alice, bob };
}

/** The newest message from `jid` that `p` has cached. */
async function newestFrom(p: Person, jid: string): Promise<ChatMessage> {
  const page = (await p.sdk.getChatMessages({ toJid: jid, limit: 20 })).data!;
  return page.filter((m) => !m.outgoing).at(-1)!;
}

describe('unread across devices', () => {
  it('messages that came while no device was online are unread on a new device, once, with the badge', async function () {
    this.timeout(30000);
    const { alice, bob } = await aliceAwayWhileBobWrites(3);
    // A browser with empty storage (a storage prefix no test used).
    const device = await person(alice, { storagePrefix: unique('empty') });
    expect(await unread(device, bob.jid)).to.equal(3);
    // The offline copies reached it too (a receipt went out for each) and were not counted again.
    await waitFor(() => bob.received.filter((m) => m.getElementsByTagNameNS('urn:xmpp:receipts', 'received').length > 0).length === 3, 'three receipts');
    expect(await unread(device, bob.jid)).to.equal(3);
    expect((await wholeChat(device, bob.jid)).length).to.equal(3);

    const launcher = await fixture<ChatLauncher>(html`<chat-launcher storage-prefix=${unique('ui')} .sdk=${device.sdk}></chat-launcher>`);
    const badge = await waitFor(() => launcher.shadowRoot?.querySelector('.badge'), 'the launcher badge');
    expect(badge.textContent).to.equal('3');
  });

  it('a chat read on one device is read on a device signing in later, and what came after stays unread', async function () {
    this.timeout(30000);
    const { alice, bob } = await aliceAwayWhileBobWrites(3);
    const first = await person(alice);
    expect(await unread(first, bob.jid)).to.equal(3);
    expect((await first.sdk.sendSeenStatus(bob.jid, (await newestFrom(first, bob.jid)).msgId)).statusCode).to.equal(200);
    await waitFor(async () => (await unread(first, bob.jid)) === 0, 'read on the first device');
    await first.sdk.disconnect();
    bob.send(chatMessage(alice.jid, 'later', 'after you read'));
    await settled(bob);

    const second = await person(alice, { storagePrefix: unique('empty') });
    expect(await unread(second, bob.jid)).to.equal(1);
  });

  it('a reply from this account counts as having read what came before it, on a new device too', async function () {
    this.timeout(30000);
    const { alice, bob } = await aliceAwayWhileBobWrites(3);
    const first = await person(alice, { features: { seenStatus: false } });
    expect((await first.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'got them' })).statusCode).to.equal(200);
    await bob.waitForMessage((m) => m.getElementsByTagName('body')[0]?.textContent === 'got them', 'the reply');
    await first.sdk.disconnect();
    bob.send(chatMessage(alice.jid, 'after-reply', 'and this one?'));
    await settled(bob);

    const second = await person(alice, { storagePrefix: unique('empty') });
    expect(await unread(second, bob.jid)).to.equal(1);
  });

  it('a chat read on one device stops being unread on the other device online at the same time', async function () {
    this.timeout(30000);
    const { alice, bob } = await aliceAwayWhileBobWrites(2);
    const one = await person(alice);
    const two = await person(alice);
    bob.send(chatMessage(alice.jid, 'live', 'while both are online'));
    await waitFor(async () => (await unread(two, bob.jid)) === 3 && (await unread(one, bob.jid)) === 3, 'three unread on both');
    expect((await one.sdk.sendSeenStatus(bob.jid, 'live')).statusCode).to.equal(200);
    expect(await unread(one, bob.jid)).to.equal(0);
    await waitFor(async () => (await unread(two, bob.jid)) === 0, 'the other device to hear it was read', 5000);
  });

  it('with seen status switched off, devices still share what was read, and the peer is told nothing', async function () {
    this.timeout(30000);
    const { alice, bob } = await aliceAwayWhileBobWrites(2);
    const off = { features: { seenStatus: false } };
    const one = await person(alice, off);
    const two = await person(alice, off);
    await waitFor(async () => (await unread(two, bob.jid)) === 2, 'two unread on the second device');
    await one.sdk.core!.markRead(bob.jid, 'away-2');
    await waitFor(async () => (await unread(two, bob.jid)) === 0, 'the other device to hear it was read', 5000);
    // Reading an older message again does not move the shared state back.
    await one.sdk.core!.markRead(bob.jid, 'away-1');
    const later = await person(alice, { ...off, storagePrefix: unique('empty') });
    expect(await unread(later, bob.jid)).to.equal(0);
    await settled(bob);
    expect(bob.received.some((m) => m.getElementsByTagNameNS('urn:xmpp:chat-markers:0', 'displayed').length > 0)).to.equal(false);
  });

  it("only the account's own notifications count: another account's forged one changes nothing", async function () {
    this.timeout(30000);
    const { alice, bob } = await aliceAwayWhileBobWrites(2);
    const device = await person(alice);
    const other = await person(alice);
    expect(await unread(device, bob.jid)).to.equal(2);
    const newest = await newestFrom(device, bob.jid);
    const forged = (to: string) => `<message type="headline" to="${esc(to)}"><event xmlns="http://jabber.org/protocol/pubsub#event">`
      + `<items node="urn:xmpp:mds:displayed:0"><item id="${esc(bob.jid)}"><displayed xmlns="urn:xmpp:mds:displayed:0">`
      + `<stanza-id xmlns="urn:xmpp:sid:0" by="${esc(alice.jid)}" id="${esc(newest.stanzaId!)}"/></displayed></item></items></event></message>`;
    const mallory = await foreign();
    mallory.send(forged(alice.jid));
    mallory.send(forged(device.sdk.core!.conn!.jid));
    bob.send(forged(device.sdk.core!.conn!.jid));
    await settled(mallory);
    await settled(bob);
    // Bob's own message after the forgeries: once it is in, the forgeries were handled before it.
    bob.send(chatMessage(alice.jid, 'after-forgery', 'one more'));
    await waitFor(async () => (await unread(device, bob.jid)) >= 3, 'the message after the forgeries');
    expect(await unread(device, bob.jid)).to.equal(3);
    // The genuine article, from another device of the account, does count.
    await waitFor(async () => (await unread(other, bob.jid)) === 3, 'the other device to have all three');
    await other.sdk.core!.markRead(bob.jid, 'after-forgery');
    await waitFor(async () => (await unread(device, bob.jid)) === 0, 'the genuine notification', 5000);
  });
});

/** Every cached message of a chat (the thread's first page is enough here). */
async function wholeChat(p: Person, jid: string): Promise<ChatMessage[]> {
  return (await p.sdk.getChatMessages({ toJid: jid, limit: 50 })).data!;
}
