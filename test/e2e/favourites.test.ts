/** Favourites (the reference's starred messages) on the real server: kept in the account's private PEP
 * node (XEP-0223), so a star reaches the account's other devices live and after a reload, and a fresh
 * device lists it from the server even when it never cached the message; unstar and remove-all likewise;
 * only the account's own notifications count; 403 when the feature is off. */
import { expect } from '@open-wc/testing';
import type { ChatMessage } from '../../src/model/types.js';
import { esc, foreignPerTest, type Foreign } from './foreign.js';
import { peoplePerTest, server, unique, waitFor, type Person } from './helpers.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

const text = (to: string, id: string, body: string) => `<message type="chat" to="${esc(to)}" id="${esc(id)}"><body>${esc(body)}</body></message>`;
/** A file as Conversations sends it (body = URL, XEP-0066 OOB with the same URL; Conversations'
 * HttpUploadConnection / MessageGenerator). */
const file = (to: string, id: string, url: string) =>
  `<message type="chat" to="${esc(to)}" id="${esc(id)}"><body>${esc(url)}</body><x xmlns="jabber:x:oob"><url>${esc(url)}</url></x></message>`;

const favourites = async (p: Person): Promise<ChatMessage[]> => {
  const res = await p.sdk.getAllFavouriteMessages();
  if (res.statusCode !== 200) throw new Error(res.message);
  return res.data!;
};
const ids = async (p: Person) => (await favourites(p)).map((m) => m.msgId).sort().join();
const star = async (p: Person, toJid: string, messageId: string, isFavourite = true) =>
  (await p.sdk.updateFavouriteStatus({ toJid, messageId, isFavourite })).statusCode;
/** The cached message `msgId` of the chat, as the history API gives it. */
const cached = async (p: Person, jid: string, msgId: string) =>
  (await p.sdk.getChatMessages({ toJid: jid, limit: 50 })).data!.find((m) => m.msgId === msgId);
const has = (p: Person, jid: string, msgIds: string[]) =>
  waitFor(async () => { for (const id of msgIds) if (!(await cached(p, jid, id))) return false; return true; }, `${msgIds.join()} on a device`);

/** Resolves once the server has processed everything `who` sent before (a ping round trip). */
async function settled(who: Foreign): Promise<void> {
  const { domain } = await server();
  await who.iq(`<iq type="get" to="${domain}" id="${unique('ping')}"><ping xmlns="urn:xmpp:ping"/></iq>`);
}

/** Alice on two devices, and Bob (another client) who wrote her `messages` (ids m1, m2, …) and a file, f1. */
async function aliceOnTwoDevices(messages: number): Promise<{ one: Person; two: Person; bob: Foreign; heard: ChatMessage[][] }> {
  const one = await person(null);
  const two = await person(one);
  const heard: ChatMessage[][] = [];
  const { service, domain } = await server();
  await two.sdk.initializeSDK({ service, domain, listeners: { favouriteMessageListener: (list) => heard.push(list) } });
  const bob = await foreign();
  const sent = Array.from({ length: messages }, (_, i) => `m${i + 1}`);
  for (const id of sent) bob.send(text(one.jid, id, `message ${id}`));
  bob.send(file(one.jid, 'f1', 'https://upload.example.org/abc/cat.jpg'));
  await has(one, bob.jid, [...sent, 'f1']);
  await has(two, bob.jid, [...sent, 'f1']);
  return { one, two, bob, heard };
}

describe('favourites', () => {
  it('a star on one device shows on the other live, after a reload, and on a fresh device that never cached the message', async function () {
    this.timeout(40000);
    const { one, two, bob, heard } = await aliceOnTwoDevices(1);
    expect(await star(one, bob.jid, 'm1')).to.equal(200);
    expect(await star(one, bob.jid, 'f1')).to.equal(200);
    expect((await cached(one, bob.jid, 'm1'))?.favourite).to.equal(true);

    // The other device's listener hears the change by itself, then the list is there.
    await waitFor(() => heard.some((list) => list.length === 2), 'the listener to hear both');
    expect(await ids(two)).to.equal('f1,m1');
    expect((await cached(two, bob.jid, 'm1'))?.favourite).to.equal(true);
    // getAllFavouriteMessages answers through the listener too.
    const told = heard.length;
    await favourites(two);
    expect(heard.length).to.equal(told + 1);

    // A newer message, so that a fresh device reading only the newest one from the archive lacks these.
    bob.send(text(one.jid, 'm9', 'newer'));
    await has(two, bob.jid, ['m9']);
    await two.sdk.disconnect();
    const reloaded = await person(one, { storagePrefix: two.storagePrefix });
    expect(await ids(reloaded)).to.equal('f1,m1');
    expect((await cached(reloaded, bob.jid, 'm1'))?.favourite).to.equal(true);

    const fresh = await person(one, { storagePrefix: unique('empty'), initialSyncMessages: 1 });
    await waitFor(async () => (await ids(fresh)) === 'f1,m1', 'the stars on a fresh device');
    const list = await favourites(fresh);
    const m1 = list.find((m) => m.msgId === 'm1')!;
    expect(`${m1.body} ${m1.fromJid === bob.jid} ${m1.outgoing} ${Number.isNaN(m1.rowId)}`).to.equal('message m1 true false true');
    const f1 = list.find((m) => m.msgId === 'f1')!;
    expect(`${f1.msgType} ${f1.media?.url} ${f1.body === ''}`).to.equal('image https://upload.example.org/abc/cat.jpg true');
  });

  it('unstar and remove all reach the other device live and a fresh device', async function () {
    this.timeout(40000);
    const { one, two, bob } = await aliceOnTwoDevices(3);
    for (const id of ['m1', 'm2', 'm3']) expect(await star(one, bob.jid, id)).to.equal(200);
    await waitFor(async () => (await ids(two)) === 'm1,m2,m3', 'three stars on the other device');

    expect(await star(two, bob.jid, 'm1', false)).to.equal(200);
    await waitFor(async () => (await ids(one)) === 'm2,m3', 'the unstar on the first device');
    expect((await cached(one, bob.jid, 'm1'))?.favourite).to.not.equal(true);
    const fresh = await person(one, { storagePrefix: unique('empty') });
    await waitFor(async () => (await ids(fresh)) === 'm2,m3', 'two stars on a fresh device');

    expect((await one.sdk.removeAllFavouriteMessages()).statusCode).to.equal(200);
    expect((await favourites(one)).length).to.equal(0);
    await waitFor(async () => (await favourites(two)).length === 0, 'remove all on the other device');
    expect((await cached(two, bob.jid, 'm2'))?.favourite).to.not.equal(true);
    const later = await person(one, { storagePrefix: unique('empty') });
    await settled(bob);
    // The server's list is read at sign-in: once a star made after remove-all shows, the read is done.
    expect(await star(one, bob.jid, 'm3')).to.equal(200);
    await waitFor(async () => (await ids(later)) === 'm3', 'only the new star on a device signing in later');
  });

  it('a star made offline survives a reload and is published once online', async function () {
    this.timeout(40000);
    const { one, two, bob } = await aliceOnTwoDevices(1);
    await one.sdk.disconnect();
    expect(await star(one, bob.jid, 'm1')).to.equal(200);
    expect(await ids(one)).to.equal('m1');
    await one.sdk.core!.store!.flush();
    // The page is reloaded: a new SDK on the same cache signs in, and sends what waited.
    const reloaded = await person(one, { storagePrefix: one.storagePrefix });
    expect(await ids(reloaded)).to.equal('m1');
    await waitFor(async () => (await ids(two)) === 'm1', 'the star on the device that stayed online');
  });

  it('a starred message its sender deletes for everyone (XEP-0424, as Conversations sends it) leaves the favourites on both devices; one deleted for me leaves too', async function () {
    this.timeout(40000);
    const { one, two, bob } = await aliceOnTwoDevices(2);
    expect(await star(one, bob.jid, 'm1')).to.equal(200);
    expect(await star(one, bob.jid, 'm2')).to.equal(200);
    await waitFor(async () => (await ids(two)) === 'm1,m2', 'both stars on the second device');
    // Conversations: <retract id=origin-or-id xmlns="urn:xmpp:message-retract:1"/> with a fallback body.
    bob.send(`<message type="chat" to="${esc(one.jid)}" id="${unique('r')}"><retract id="m1" xmlns="urn:xmpp:message-retract:1"/>`
      + '<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/><body>This person attempted to retract a previous message, but it\'s unsupported by your client.</body>'
      + '<store xmlns="urn:xmpp:hints"/></message>');
    await waitFor(async () => (await ids(one)) === 'm2', 'm1 gone from the favourites');
    await waitFor(async () => (await ids(two)) === 'm2', 'm1 gone on the second device');
    expect((await one.sdk.deleteMessagesForMe({ toJid: bob.jid, messageIds: ['m2'] })).statusCode).to.equal(200);
    await waitFor(async () => (await ids(one)) === '', 'm2 gone from the favourites');
    await waitFor(async () => (await ids(two)) === '', 'm2 gone on the second device');
  });

  it('answers 403 when favourites are switched off, 400 for bad parameters and 404 for an unknown message', async function () {
    this.timeout(30000);
    const off = await person(null, { features: { favouriteMessage: false } });
    const bob = `${unique('bob')}@${(await server()).domain}`;
    expect((await off.sdk.updateFavouriteStatus({ toJid: bob, messageId: 'x', isFavourite: true })).statusCode).to.equal(403);
    expect((await off.sdk.getAllFavouriteMessages()).statusCode).to.equal(403);
    expect((await off.sdk.removeAllFavouriteMessages()).statusCode).to.equal(403);

    const on = await person(null);
    expect((await on.sdk.updateFavouriteStatus({ toJid: bob, messageId: 'x', isFavourite: true })).statusCode).to.equal(404);
    expect((await on.sdk.updateFavouriteStatus({ toJid: 'not a jid', messageId: 'x', isFavourite: true })).statusCode).to.equal(400);
    expect((await on.sdk.updateFavouriteStatus({ toJid: bob, messageId: '', isFavourite: true })).statusCode).to.equal(400);
    expect((await on.sdk.updateFavouriteStatus({ toJid: bob, messageId: 'x', isFavourite: 'yes' as unknown as boolean })).statusCode).to.equal(400);
  });

  it("only the account's own notifications count: another account's forged one is ignored", async function () {
    this.timeout(30000);
    const { one, two, bob } = await aliceOnTwoDevices(1);
    const forged = (to: string) => `<message type="headline" to="${esc(to)}"><event xmlns="http://jabber.org/protocol/pubsub#event">`
      + `<items node="urn:xmpp:chat-widget:favourites:0"><item id="${esc(`${bob.jid} m1`)}">`
      + `<favourite xmlns="urn:xmpp:chat-widget:favourites:0" chat="${esc(bob.jid)}" id="m1" from="${esc(bob.jid)}" to="${esc(one.jid)}"`
      + ` stamp="2026-01-01T00:00:00Z"><body>forged</body></favourite></item></items></event></message>`;
    const mallory = await foreign();
    mallory.send(forged(one.jid));
    mallory.send(forged(one.sdk.core!.conn!.jid));
    bob.send(forged(one.sdk.core!.conn!.jid));
    await settled(mallory);
    await settled(bob);
    // Bob's message after the forgeries: once it is in, the forgeries were handled before it.
    bob.send(text(one.jid, 'after', 'after the forgeries'));
    await has(two, bob.jid, ['after']);
    // The genuine article, from the account's other device, counts (and comes after the forgeries).
    expect(await star(two, bob.jid, 'after')).to.equal(200);
    await waitFor(async () => (await ids(one)) !== '', 'the genuine notification');
    expect(await ids(one)).to.equal('after');
    expect((await cached(one, bob.jid, 'm1'))?.favourite).to.not.equal(true);
  });
});
