/** This account's settings per chat on the real server (private PEP node `urn:xmpp:chat-widget:chats:0`,
 * XEP-0223): mute and archive reach the account's other device live, after a reload and on a fresh
 * device; an archived chat stays archived when a message comes; a muted chat's unread is left out of the
 * total; only the account's own notifications count; a change made offline goes out once online and is
 * not overridden by what the server had; a cleared mark reaches the other device; two devices changing
 * one chat at once end in the same state as the server's item; 403 when a feature is off. */
import { expect } from '@open-wc/testing';
import type { ChatSettingsSync } from '../../src/core/chat-settings.js';
import type { PrivateStorage } from '../../src/core/private-storage.js';
import type { ChatSettings, RecentChat } from '../../src/model/types.js';
import { readChatSettings } from '../../src/protocol/chat-settings.js';
import { buildItemsRequest, buildPrivatePublish, buildPurge, buildRetract, readItemsResult } from '../../src/protocol/private-pep.js';
import { esc, foreignPerTest, type Foreign } from './foreign.js';
import { peoplePerTest, server, unique, waitFor, type Person } from './helpers.js';

const person = peoplePerTest();
const foreign = foreignPerTest();
const NODE = 'urn:xmpp:chat-widget:chats:0';

const text = (to: string, id: string, body: string) => `<message type="chat" to="${esc(to)}" id="${esc(id)}"><body>${esc(body)}</body></message>`;

/** The client's parts a test reaches into (protected or private in the client). */
type Inside = { chatSettingsSync(): Promise<ChatSettingsSync>; privateStorage: PrivateStorage };
const inside = (p: Person) => p.sdk.core as unknown as Inside;

const row = async (p: Person, jid: string): Promise<RecentChat | undefined> => (await p.sdk.getRecentChats()).data!.find((c) => c.chatJid === jid);
/** A chat's flags as its row shows them: "muted archived", "-" for each that is off. */
const flags = async (p: Person, jid: string) => {
  const r = await row(p, jid);
  return r ? `${r.isMuted ? 'muted' : '-'} ${r.isArchived ? 'archived' : '-'}` : 'no row';
};
const showing = (p: Person, jid: string, expected: string, where: string) =>
  waitFor(async () => (await flags(p, jid)) === expected, `"${expected}" ${where}`);
const mute = async (p: Person, toJid: string, isMuted = true) => (await p.sdk.updateMuteNotification({ toJid, isMuted })).statusCode;
const archive = async (p: Person, toJid: string, isArchived = true) => (await p.sdk.updateArchiveChat({ toJid, isArchived })).statusCode;

/** A chat's settings in a device's cache, as a comparable string. */
const cachedSettings = (p: Person, jid: string) => JSON.stringify(p.sdk.core!.store!.chatSettings.items[jid] ?? { chatJid: jid });
const pending = (p: Person) => Object.keys(p.sdk.core!.store!.chatSettings.pending).length;

/** The chat's item on the server, read over a device's own connection (the node is private). */
function serverSettings(p: Person, jid: string): Promise<string> {
  return new Promise((resolve, reject) => {
    p.sdk.core!.conn!.sendIQ(buildItemsRequest(NODE, unique('items')).tree(), (result: Element) => {
      const found = readItemsResult(result, NODE).map(readChatSettings).find((s) => s?.chatJid === jid);
      resolve(JSON.stringify(found ?? { chatJid: jid }));
    }, reject);
  });
}

/** Resolves once the server has processed everything `who` sent before (a ping round trip). */
async function settled(who: Foreign): Promise<void> {
  const { domain } = await server();
  await who.iq(`<iq type="get" to="${domain}" id="${unique('ping')}"><ping xmlns="urn:xmpp:ping"/></iq>`);
}

/** Alice on two devices, both with a row for Bob (another client), who wrote her one message. */
async function aliceOnTwoDevices(): Promise<{ one: Person; two: Person; bob: Foreign }> {
  const one = await person(null);
  const two = await person(one);
  const bob = await foreign();
  bob.send(text(one.jid, 'm1', 'hello'));
  for (const p of [one, two]) await waitFor(() => row(p, bob.jid), 'the chat with Bob on a device');
  return { one, two, bob };
}

/** Holds a device's publishes to its private nodes until the returned function is called (so that two
 * devices' changes are both still pending when they reach the server, at once). */
function holdPublishes(p: Person): () => void {
  const storage = inside(p).privateStorage;
  const publish = storage.publish.bind(storage);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  storage.publish = async (...args) => {
    await gate;
    return publish(...args);
  };
  return () => {
    Reflect.deleteProperty(storage, 'publish');
    release();
  };
}

describe('chat settings (mute, archive) across devices', () => {
  it('mute and archive on one device show on the other live, after a reload and on a fresh device', async function () {
    this.timeout(40000);
    const { one, two, bob } = await aliceOnTwoDevices();
    expect(await flags(two, bob.jid)).to.equal('- -');
    expect(await mute(one, bob.jid.toUpperCase())).to.equal(200);
    expect(await flags(one, bob.jid)).to.equal('muted -');
    await showing(two, bob.jid, 'muted -', 'on the second device');
    expect(await archive(one, `${bob.jid}/phone`)).to.equal(200);
    await showing(two, bob.jid, 'muted archived', 'on the second device');
    const archived = (await two.sdk.getAllArchivedChats()).data!;
    expect(archived.map((c) => `${c.chatJid === bob.jid} ${c.isArchived}`).join()).to.equal('true true');

    // A reload of the second device: the cache has the flags, and what changed meanwhile comes at login.
    await two.sdk.disconnect();
    expect(await mute(one, bob.jid, false)).to.equal(200);
    const reloaded = await person(one, { storagePrefix: two.storagePrefix });
    await showing(reloaded, bob.jid, '- archived', 'after a reload');

    const fresh = await person(one, { storagePrefix: unique('empty') });
    await showing(fresh, bob.jid, '- archived', 'on a fresh device');
    expect(await archive(fresh, bob.jid, false)).to.equal(200);
    await showing(one, bob.jid, '- -', 'on the first device after the fresh one unarchived');
    expect((await one.sdk.getAllArchivedChats()).data!.length).to.equal(0);
  });

  it('an archived chat receiving a message stays archived; a muted chat keeps its unread out of the total, and its events still fire', async function () {
    this.timeout(30000);
    const { one, bob } = await aliceOnTwoDevices();
    const carol = await foreign();
    carol.send(text(one.jid, 'c1', 'from carol'));
    await waitFor(() => row(one, carol.jid), 'the chat with Carol');
    expect(one.sdk.core!.binding.totalUnread).to.equal(2);
    expect(await archive(one, carol.jid)).to.equal(200);
    expect(await mute(one, bob.jid)).to.equal(200);
    expect(one.sdk.core!.binding.totalUnread).to.equal(1);

    const recent: RecentChat[][] = [];
    const changed: boolean[] = [];
    one.sdk.core!.events.on('recent', (list) => recent.push(list));
    one.sdk.core!.events.on('change', (c) => changed.push(c.chats.has(bob.jid)));
    bob.send(text(one.jid, 'm2', 'while muted'));
    carol.send(text(one.jid, 'c2', 'while archived'));
    await waitFor(async () => (await row(one, bob.jid))?.unreadCount === 2 && (await row(one, carol.jid))?.unreadCount === 2, 'both messages in');
    expect(await flags(one, carol.jid)).to.equal('- archived');
    expect(await flags(one, bob.jid)).to.equal('muted -');
    // Bob's row keeps its own count; only Carol's counts in the total.
    expect(one.sdk.core!.binding.totalUnread).to.equal(2);
    await waitFor(() => recent.some((list) => list.some((c) => c.chatJid === bob.jid && c.unreadCount === 2 && c.isMuted)), 'a recent event for the muted chat');
    expect(changed.includes(true)).to.equal(true);
    expect((await one.sdk.getAllArchivedChats()).data!.map((c) => c.chatJid).join()).to.equal(carol.jid);
  });

  it('answers 403 for each feature switched off, 400 for bad parameters', async function () {
    this.timeout(30000);
    const bob = `${unique('bob')}@${(await server()).domain}`;
    const noMute = await person(null, { features: { muteChat: false } });
    expect(await mute(noMute, bob)).to.equal(403);
    expect(await archive(noMute, bob)).to.equal(200);
    const noArchive = await person(null, { features: { archiveChat: false } });
    expect(await archive(noArchive, bob)).to.equal(403);
    expect((await noArchive.sdk.getAllArchivedChats()).statusCode).to.equal(403);
    expect(await mute(noArchive, bob)).to.equal(200);
    expect(await mute(noArchive, 'not a jid')).to.equal(400);
    expect(await archive(noMute, '')).to.equal(400);
    expect(await mute(noArchive, bob, 'yes' as unknown as boolean)).to.equal(400);
    expect(await archive(noMute, bob, 1 as unknown as boolean)).to.equal(400);
  });

  it("only the account's own notifications count: another account's forged one is ignored", async function () {
    this.timeout(30000);
    const { one, two, bob } = await aliceOnTwoDevices();
    const forged = (to: string) => `<message type="headline" to="${esc(to)}"><event xmlns="http://jabber.org/protocol/pubsub#event">`
      + `<items node="${NODE}"><item id="${esc(bob.jid)}"><chat xmlns="${NODE}" jid="${esc(bob.jid)}" muted="true"/></item></items></event></message>`;
    const mallory = await foreign();
    mallory.send(forged(one.jid));
    mallory.send(forged(one.sdk.core!.conn!.jid));
    bob.send(forged(one.sdk.core!.conn!.jid));
    await settled(mallory);
    await settled(bob);
    // The genuine article, from the account's other device, counts; it comes after the forgeries, which
    // were handled before it (notifications are taken in order).
    const carol = `${unique('carol')}@${(await server()).domain}`;
    expect(await archive(two, carol)).to.equal(200);
    await waitFor(() => one.sdk.core!.store!.chatSettings.items[carol]?.archived, 'the genuine notification');
    expect(cachedSettings(one, bob.jid)).to.equal(JSON.stringify({ chatJid: bob.jid }));
    expect(await flags(one, bob.jid)).to.equal('- -');
  });

  it("a cleared mark published by one device reaches the other's settings", async function () {
    this.timeout(30000);
    const { one, two, bob } = await aliceOnTwoDevices();
    const at = Date.UTC(2026, 10, 30, 12, 0, 0, 250);
    await (await inside(one).chatSettingsSync()).change([{ chatJid: bob.jid, cleared: { at, stanzaId: 'arch-9' } }]);
    await waitFor(() => two.sdk.core!.store!.chatSettings.items[bob.jid]?.cleared, 'the mark on the second device');
    const mark = two.sdk.core!.store!.chatSettings.items[bob.jid].cleared!;
    expect(`${mark.at === at} ${mark.stanzaId}`).to.equal('true arch-9');
  });

  it('a change made offline survives a reload, keeps what it changed and takes the rest from the server, and goes out once online', async function () {
    this.timeout(40000);
    const { one, two, bob } = await aliceOnTwoDevices();
    await one.sdk.disconnect();
    expect(await mute(one, bob.jid)).to.equal(200);
    expect(await flags(one, bob.jid)).to.equal('muted -');
    await one.sdk.core!.store!.flush();
    // Meanwhile the other device archives: the server has that; the offline change keeps what it changed
    // (muted), takes the rest from the server (archived), and is the last one the server accepts.
    expect(await archive(two, bob.jid)).to.equal(200);
    const reloaded = await person(one, { storagePrefix: one.storagePrefix });
    await showing(two, bob.jid, 'muted archived', 'the offline change on the device that stayed online');
    await waitFor(() => pending(reloaded) === 0, 'the change published');
    expect(await flags(reloaded, bob.jid)).to.equal('muted archived');
    expect(await serverSettings(reloaded, bob.jid)).to.equal(JSON.stringify({ chatJid: bob.jid, muted: true, archived: true }));
  });

  it('a cleared mark only moves forward: an older one published by a device that did not know the newer is replaced again', async function () {
    this.timeout(40000);
    const { one, two, bob } = await aliceOnTwoDevices();
    const newer = { at: Date.UTC(2026, 10, 30, 10, 0, 0, 2), stanzaId: 'new' };
    await (await inside(one).chatSettingsSync()).change([{ chatJid: bob.jid, cleared: newer }]);
    await waitFor(() => two.sdk.core!.store!.chatSettings.items[bob.jid]?.cleared?.stanzaId === 'new', 'the newer mark on the second device');

    // Another client of the account, unaware of the newer mark, publishes an older one (and mutes).
    const older = buildPrivatePublish(NODE, bob.jid, (item) => {
      item.c('chat', { xmlns: NODE, jid: bob.jid, muted: 'true' }).c('cleared', { at: '2026-11-30T09:00:00.000Z', 'stanza-id': 'old' }).up().up();
    }, unique('pub'));
    await new Promise((resolve, reject) => two.sdk.core!.conn!.sendIQ(older.tree(), resolve, reject));
    const expected = JSON.stringify({ chatJid: bob.jid, muted: true, cleared: newer });
    for (const p of [one, two]) await waitFor(() => cachedSettings(p, bob.jid) === expected && !pending(p), 'the flags taken, the newer mark kept');
    await waitFor(async () => (await serverSettings(one, bob.jid)) === expected, 'the newer mark on the server again');
  });

  it('a device coming back with an older mark made offline takes the newer mark the server has into its change', async function () {
    this.timeout(40000);
    const { one, two, bob } = await aliceOnTwoDevices();
    await two.sdk.disconnect();
    await (await inside(two).chatSettingsSync()).change([{ chatJid: bob.jid, archived: true, cleared: { at: Date.UTC(2026, 10, 30, 9), stanzaId: 'old' } }]);
    await two.sdk.core!.store!.flush();
    const newer = { at: Date.UTC(2026, 10, 30, 10), stanzaId: 'new' };
    await (await inside(one).chatSettingsSync()).change([{ chatJid: bob.jid, cleared: newer }]);
    expect(await serverSettings(one, bob.jid)).to.equal(JSON.stringify({ chatJid: bob.jid, cleared: newer }));
    await one.sdk.disconnect();

    const back = await person(two, { storagePrefix: two.storagePrefix });
    const expected = JSON.stringify({ chatJid: bob.jid, archived: true, cleared: newer });
    await waitFor(() => cachedSettings(back, bob.jid) === expected && !pending(back), 'the offline change published with the newer mark');
    expect(await serverSettings(back, bob.jid)).to.equal(expected);
  });

  it('an item retracted, or the node purged, by another client of the account resets the chat to the defaults', async function () {
    this.timeout(30000);
    const { one, two, bob } = await aliceOnTwoDevices();
    const carol = `${unique('carol')}@${(await server()).domain}`;
    expect(await mute(one, bob.jid)).to.equal(200);
    expect(await archive(one, carol)).to.equal(200);
    await waitFor(() => two.sdk.core!.store!.chatSettings.items[carol]?.archived, 'both settings on the second device');
    await showing(two, bob.jid, 'muted -', 'on the second device');
    const send = (iq: ReturnType<typeof buildRetract>) => new Promise((resolve, reject) => one.sdk.core!.conn!.sendIQ(iq.tree(), resolve, reject));
    await send(buildRetract(NODE, bob.jid, unique('retract')));
    await showing(two, bob.jid, '- -', 'after the retraction');
    expect(cachedSettings(two, carol)).to.equal(JSON.stringify({ chatJid: carol, archived: true }));
    await send(buildPurge(NODE, unique('purge')));
    await waitFor(() => cachedSettings(two, carol) === JSON.stringify({ chatJid: carol }), 'the defaults after the purge');
  });

  it('two devices changing one chat at once end in the same state, which is the server item (a fresh device reads it)', async function () {
    this.timeout(60000);
    const { one, two, bob } = await aliceOnTwoDevices();
    const sync = async (p: Person) => inside(p).chatSettingsSync();
    /** Both devices and the server agree on the chat (and nothing waits); resolves with that state. */
    const agreed = (what: string) => waitFor(async () => {
      if (pending(one) || pending(two) || cachedSettings(one, bob.jid) !== cachedSettings(two, bob.jid)) return undefined;
      return (await serverSettings(one, bob.jid)) === cachedSettings(one, bob.jid) ? cachedSettings(one, bob.jid) : undefined;
    }, what);

    const devices = [one, two];
    /** Both devices' publishes reach the server while both are pending: `first`'s is accepted first. */
    const atOnce = async (first: number, changes: () => Promise<unknown>[]) => {
      const release = devices.map(holdPublishes);
      const done = changes();
      await waitFor(() => pending(one) && pending(two), 'both changes made, neither published');
      const made = devices.map((p) => cachedSettings(p, bob.jid));
      release[first]();
      await waitFor(() => !pending(devices[first]), 'the first publish accepted');
      release[1 - first]();
      await Promise.all(done);
      return made;
    };

    // Flags: the publish the server accepted last wins, whole, on both devices (and the server).
    for (let round = 0; round < 4; round++) {
      const before = JSON.parse(cachedSettings(one, bob.jid)) as ChatSettings;
      const first = round % 2;
      const made = await atOnce(first, () => [mute(one, bob.jid, !before.muted), archive(two, bob.jid, !before.archived)]);
      expect(await agreed(`round ${round} settled`)).to.equal(made[1 - first]);
    }

    // Cleared marks: the later one wins, even when the server accepted the older one last.
    const older = Date.UTC(2026, 10, 30, 9, 0, 0, 1);
    const newer = Date.UTC(2026, 10, 30, 10, 0, 0, 2);
    const base = JSON.parse(cachedSettings(one, bob.jid)) as ChatSettings;
    const [oneSync, twoSync] = [await sync(one), await sync(two)];
    await atOnce(0, () => [
      oneSync.change([{ ...base, cleared: { at: newer, stanzaId: 'new' } }]),
      twoSync.change([{ ...base, muted: !base.muted, cleared: { at: older, stanzaId: 'old' } }]),
    ]);
    const final = JSON.parse(await agreed('the marks settled')) as ChatSettings;
    expect(`${final.cleared?.at === newer} ${final.cleared?.stanzaId} ${Boolean(final.muted) === !base.muted}`).to.equal('true new true');

    const fresh = await person(one, { storagePrefix: unique('empty') });
    await waitFor(() => cachedSettings(fresh, bob.jid) === JSON.stringify(final), 'the same settings on a fresh device');
  });
});
