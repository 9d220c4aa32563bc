import { expect } from '@open-wc/testing';
import { ChatStore } from '../../src/store/chat-store.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import type { StoreEvent } from '../../src/model/events.js';
import type { ChatMessage, NewMessage } from '../../src/model/types.js';
import { ALICE, BOB } from './stanzas.js';

const CAROL = 'carol@example.org';
const immediate = (cb: () => void) => cb();

const message = (id: string, i: number): NewMessage => ({
  msgId: id, chatJid: BOB, fromJid: BOB, toJid: ALICE, outgoing: false, msgType: 'text', body: `message ${i}`,
  timestamp: 1000 + i, status: 'received', stanzaId: `s-${id}`,
});
const reaction = (id: string, fromJid: string, emojis: string[], older = false, targetId = 'b1'): StoreEvent => ({
  kind: 'reaction', chatJid: BOB, fromJid, targetId, emojis, msgId: id, keys: [`o:${fromJid}:${id}`], older,
});
const shown = (m: ChatMessage | undefined) =>
  Object.entries(m?.reactions ?? {}).map(([jid, set]) => `${jid === ALICE ? 'a' : jid === BOB ? 'b' : 'c'}:${set.join('')}`).sort().join('|');

describe('reactions in the store (XEP-0444)', () => {
  it('live: one set per sender, replaced and removed; a copy met again changes nothing; others ignored; no unread, no preview', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch([{ kind: 'message', fresh: true, message: message('b1', 1) }]);
    await store.dispatch([reaction('r1', BOB, ['👍']), reaction('r2', ALICE, ['🎉'])]);
    await store.dispatch([reaction('r3', BOB, ['❤️', '😂'])]);
    expect(shown(await store.findMessage(BOB, BOB, 'b1'))).to.equal('a:🎉|b:❤️😂');
    await store.dispatch([reaction('r1', BOB, ['👍'])]); // the archived copy of the first one
    await store.dispatch([reaction('x1', CAROL, ['💩'])]);
    expect(shown(await store.findMessage(BOB, BOB, 'b1'))).to.equal('a:🎉|b:❤️😂');
    await store.dispatch([reaction('r4', ALICE, [])]);
    expect(shown(await store.findMessage(BOB, BOB, 'b1'))).to.equal('b:❤️😂');
    expect(store.recentChat(BOB)!.unreadCount).to.equal(1);
    expect(store.recentChat(BOB)!.lastMessage!.body).to.equal('message 1');
    expect((await store.latest(BOB, 10)).length).to.equal(1);
  });

  it('read backwards: reactions met before their message wait for it; an older page never undoes a set known before it', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    // The newest archive page: reactions whose message is on an older page.
    await store.dispatch([reaction('r5', ALICE, ['🎉'], true), reaction('r6', BOB, [], true), reaction('r7', ALICE, ['✅'], true)]);
    expect((await store.log(BOB)).meta.pendingReactions?.length).to.equal(3);
    // The page before it: the message, then older reactions (a page is in time order).
    await store.dispatch([
      { kind: 'history', chatJid: BOB, messages: [message('b1', 1)], complete: true },
      reaction('r1', BOB, ['👍'], true), reaction('r2', BOB, ['❤️'], true), reaction('r3', ALICE, ['👀'], true),
      reaction('r4', BOB, ['🚀'], true),
    ]);
    expect(shown(await store.findMessage(BOB, BOB, 'b1'))).to.equal('a:✅');
    expect((await store.log(BOB)).meta.pendingReactions?.length).to.equal(0);
  });

  it('read backwards, a sender not known yet gets the newest set of the page', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch([{ kind: 'history', chatJid: BOB, messages: [message('b1', 1)], complete: true }]);
    await store.dispatch([reaction('r1', BOB, ['👍'], true), reaction('r2', BOB, ['❤️'], true)]);
    await store.dispatch([reaction('r0', BOB, ['🙈'], true)]); // an older page
    expect(shown(await store.findMessage(BOB, BOB, 'b1'))).to.equal('b:❤️');
  });
});
