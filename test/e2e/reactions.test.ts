import { expect } from '@open-wc/testing';
import { peoplePerTest, sleep, waitFor, wholeHistory, type Person } from './helpers.js';
import { foreignPerTest } from './foreign.js';
import type { ChatMessage } from '../../src/model/types.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

const NS = 'urn:xmpp:reactions:0';
/** A sender's reactions on a message as one string, e.g. "a:👍|b:❤️😂" (senders sorted; `names` maps JIDs). */
const shown = (m: ChatMessage | undefined, names: Record<string, string>) =>
  Object.entries(m?.reactions ?? {}).map(([jid, set]) => `${names[jid] ?? jid}:${set.join('')}`).sort().join('|');

async function first(p: Person, peer: string): Promise<ChatMessage | undefined> {
  return (await p.sdk.getChatMessages({ toJid: peer })).data![0];
}

describe('reactions (XEP-0444)', () => {
  it('both ways, replaced and removed, live and by carbon; no bubble, no unread, no preview change; a fresh device reads the same from the archive', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const aliceOther = await person({ username: alice.username, password: alice.password });
    const names = { [alice.jid]: 'a', [bob.jid]: 'b' };
    const m1 = (await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'lunch?' })).data!;
    await waitFor(() => alice.messages.some((m) => m.body === 'lunch?'), 'the message');
    await waitFor(() => aliceOther.messages.some((m) => m.body === 'lunch?'), 'the message on the other device');

    expect((await alice.sdk.sendReaction({ toJid: bob.jid, messageId: m1.msgId, emojis: ['👍'] })).statusCode).to.equal(200);
    expect(shown(await first(alice, bob.jid), names)).to.equal('a:👍'); // at once, in our own store
    await waitFor(async () => shown(await first(bob, alice.jid), names) === 'a:👍', 'bob sees it');
    await waitFor(async () => shown(await first(aliceOther, bob.jid), names) === 'a:👍', 'our other device sees it (carbon)');

    await bob.sdk.sendReaction({ toJid: alice.jid, messageId: m1.msgId, emojis: ['❤️', '😂'] });
    await waitFor(async () => shown(await first(alice, bob.jid), names) === 'a:👍|b:❤️😂', 'bob\'s reactions');
    // One set per sender: the new one replaces the old one; an empty one removes it.
    await alice.sdk.sendReaction({ toJid: bob.jid, messageId: m1.msgId, emojis: ['🎉'] });
    await bob.sdk.sendReaction({ toJid: alice.jid, messageId: m1.msgId, emojis: [] });
    await waitFor(async () => shown(await first(bob, alice.jid), names) === 'a:🎉', 'bob sees the replacement');
    await waitFor(async () => shown(await first(alice, bob.jid), names) === 'a:🎉', 'alice sees the removal');
    await waitFor(async () => shown(await first(aliceOther, bob.jid), names) === 'a:🎉', 'the other device too');

    const recent = (await alice.sdk.getRecentChats()).data![0];
    expect(recent.unreadCount).to.equal(1);
    expect(recent.lastMessage!.body).to.equal('lunch?');
    expect((await alice.sdk.getChatMessages({ toJid: bob.jid })).data!.length).to.equal(1);
    expect(alice.messages.length).to.equal(1);
    await bob.sdk.sendTextMessage({ toJid: alice.jid, messageText: 'later' });
    await waitFor(() => alice.messages.some((m) => m.body === 'later'), 'a later message');

    // The whole archive in one page, then the newest entries first (reactions before their message).
    for (const initialSyncMessages of [50, 2]) {
      const fresh = await person({ username: alice.username, password: alice.password }, { initialSyncMessages });
      await waitFor(() => fresh.sdk.core!.connectionState === 'connected', 'caught up');
      const read = await wholeHistory(fresh, bob.jid, 2);
      expect(read.map((m) => m.body).join('|')).to.equal('lunch?|later');
      expect(shown(read[0], names)).to.equal('a:🎉');
      await fresh.sdk.disconnect();
    }
  });

  it('reactions in the shapes Dino, Gajim and Conversations send; from our own other client; a third party and a forged carbon ignored', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const carol = await foreign();
    const aliceOther = await foreign({ username: alice.username, password: alice.password, jid: alice.jid });
    const names = { [alice.jid]: 'a', [bob.jid]: 'b', [carol.jid]: 'c' };
    bob.send(`<message type="chat" to="${alice.jid}" id="m1"><body>hello</body><origin-id xmlns="urn:xmpp:sid:0" id="m1"/></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'hello'), 'the message');

    // Dino (dino/dino xmpp-vala/src/module/xep/0444_reactions.vala): <reactions id> with the store hint, no body.
    bob.send(`<message type="chat" to="${alice.jid}" id="d1"><reactions xmlns="${NS}" id="m1"><reaction>👍</reaction></reactions><store xmlns="urn:xmpp:hints"/></message>`);
    await waitFor(async () => shown(await first(alice, bob.jid), names) === 'b:👍', 'the Dino-shaped reaction');
    // Gajim (gajim/python-nbxmpp nbxmpp/modules/reactions.py strips what other clients pad): an origin-id,
    // whitespace around an emoji, a duplicate.
    bob.send(`<message type="chat" to="${alice.jid}" id="g1"><reactions xmlns="${NS}" id="m1"><reaction>
      ❤️ </reaction><reaction>❤️</reaction><reaction>🚀</reaction></reactions><origin-id xmlns="urn:xmpp:sid:0" id="g1"/><store xmlns="urn:xmpp:hints"/></message>`);
    await waitFor(async () => shown(await first(alice, bob.jid), names) === 'b:❤️🚀', 'the Gajim-shaped replacement');
    // Conversations (im/conversations/android/xmpp/model/reactions/Reactions.java): an empty set removes.
    bob.send(`<message type="chat" to="${alice.jid}" id="c1"><reactions xmlns="${NS}" id="m1"/><store xmlns="urn:xmpp:hints"/></message>`);
    await waitFor(async () => shown(await first(alice, bob.jid), names) === '', 'the removal');

    // Our own other client reacts: its carbon is this account's set.
    aliceOther.send(`<message type="chat" to="${bob.jid}" id="o1"><reactions xmlns="${NS}" id="m1"><reaction>👀</reaction></reactions><store xmlns="urn:xmpp:hints"/></message>`);
    await waitFor(async () => shown(await first(alice, bob.jid), names) === 'a:👀', 'our other client\'s reaction');

    // Carol names bob's message, directly and in a carbon forged as if from bob.
    carol.send(`<message type="chat" to="${alice.jid}" id="x1"><reactions xmlns="${NS}" id="m1"><reaction>💩</reaction></reactions></message>`);
    carol.send(`<message to="${alice.jid}"><received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">`
      + `<message type="chat" from="${bob.jid}/x" to="${alice.jid}" id="x2"><reactions xmlns="${NS}" id="m1"><reaction>💩</reaction></reactions></message>`
      + '</forwarded></received></message>');
    bob.send(`<message type="chat" to="${alice.jid}" id="m2"><body>after</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'after'), 'a later message');
    await sleep(300);
    expect(shown(await first(alice, bob.jid), names)).to.equal('a:👀');
    expect((await alice.sdk.getRecentChats()).data!.length).to.equal(1); // no chat with carol from a reaction
  });

  it('the archive read backwards: reactions met before their message wait for it, and an older set met later does not undo a newer one', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const aliceOther = await foreign({ username: alice.username, password: alice.password, jid: alice.jid });
    const names = { [alice.jid]: 'a', [bob.jid]: 'b' };
    const reaction = (to: string, id: string, emojis: string[]) =>
      `<message type="chat" to="${to}" id="${id}"><reactions xmlns="${NS}" id="m1">${emojis.map((e) => `<reaction>${e}</reaction>`).join('')}</reactions><store xmlns="urn:xmpp:hints"/></message>`;
    bob.send(`<message type="chat" to="${alice.jid}" id="m1"><body>hello</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'hello'), 'the message');
    bob.send(reaction(alice.jid, 'r1', ['👍']));
    bob.send(reaction(alice.jid, 'r2', ['❤️']));
    aliceOther.send(reaction(bob.jid, 'r3', ['👀']));
    bob.send(reaction(alice.jid, 'r4', ['🚀']));
    aliceOther.send(reaction(bob.jid, 'r5', ['🎉']));
    bob.send(reaction(alice.jid, 'r6', []));
    aliceOther.send(reaction(bob.jid, 'r7', ['✅']));
    bob.send(`<message type="chat" to="${alice.jid}" id="m2"><body>later</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'later'), 'a later message');
    await waitFor(async () => shown(await first(alice, bob.jid), names) === 'a:✅', 'live: the newest sets');
    await alice.sdk.disconnect();

    // The newest 4 archive entries first (the last reactions and a later message, not the message they
    // name), then older pages before it; or everything in one page.
    for (const initialSyncMessages of [4, 50]) {
      const fresh = await person({ username: alice.username, password: alice.password }, { initialSyncMessages });
      await waitFor(() => fresh.sdk.core!.connectionState === 'connected', 'caught up');
      const waiting = (await fresh.sdk.core!.store!.log(bob.jid)).meta.pendingReactions?.length ?? 0;
      expect(waiting).to.equal(initialSyncMessages === 4 ? 3 : 0);
      const read = await wholeHistory(fresh, bob.jid);
      expect(read.map((m) => m.body).join('|')).to.equal('hello|later');
      expect(shown(read[0], names)).to.equal('a:✅');
      await fresh.sdk.disconnect();
    }
  });

  it('the stanza sent: <reactions id> naming the message, every emoji, the store hint; [] sends an empty set', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="m1"><body>hi</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'hi'), 'the message');
    await alice.sdk.sendReaction({ toJid: bob.jid, messageId: 'm1', emojis: ['👍', '🇫🇷', '1️⃣', '👨‍👩‍👧'] });
    await alice.sdk.sendReaction({ toJid: bob.jid, messageId: 'm1', emojis: [] });
    const sets = async () => {
      await waitFor(() => bob.received.filter((m) => m.getElementsByTagNameNS(NS, 'reactions').length > 0).length === 2, 'two sets');
      return bob.received.map((m) => m.getElementsByTagNameNS(NS, 'reactions')[0]).filter(Boolean);
    };
    const [set, empty] = await sets();
    expect(set.getAttribute('id')).to.equal('m1');
    expect([...set.getElementsByTagNameNS(NS, 'reaction')].map((r) => r.textContent).join(' ')).to.equal('👍 🇫🇷 1️⃣ 👨‍👩‍👧');
    expect(set.parentElement!.getElementsByTagNameNS('urn:xmpp:hints', 'store').length).to.equal(1);
    expect(set.parentElement!.getElementsByTagName('body').length).to.equal(0);
    expect(empty.getElementsByTagNameNS(NS, 'reaction').length).to.equal(0);
  });

  it('400 not one emoji or too many; 404 unknown message; 403 when reactions are off', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(`<message type="chat" to="${alice.jid}" id="m1"><body>hi</body></message>`);
    await waitFor(() => alice.messages.some((m) => m.body === 'hi'), 'the message');
    const react = (emojis: unknown, messageId = 'm1') => alice.sdk.sendReaction({ toJid: bob.jid, messageId, emojis: emojis as string[] });
    expect((await react(['lol'])).statusCode).to.equal(400);
    expect((await react(['👍👍'])).statusCode).to.equal(400);
    expect((await react(['a'])).statusCode).to.equal(400);
    expect((await react('👍')).statusCode).to.equal(400);
    const many = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗🤩'];
    expect((await react(many)).statusCode).to.equal(400);
    expect((await react(['👍'], 'nope')).statusCode).to.equal(404);
    expect((await first(alice, bob.jid))?.reactions === undefined).to.equal(true);

    const off = await person({ username: alice.username, password: alice.password }, { features: { reactions: false } });
    expect((await off.sdk.sendReaction({ toJid: bob.jid, messageId: 'm1', emojis: ['👍'] })).statusCode).to.equal(403);
  });
});
