import { expect } from '@open-wc/testing';
import { ChatStore } from '../../src/store/chat-store.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import { markFor } from '../../src/core/clear-chat.js';
import { clearedBy } from '../../src/store/removals.js';
import type { StoreEvent } from '../../src/model/events.js';
import type { ChatMessage, ChatSettings, NewMessage } from '../../src/model/types.js';
import { ALICE, BOB } from './stanzas.js';

const immediate = (cb: () => void) => cb();

const message = (i: number, extra: Partial<NewMessage> = {}): NewMessage => ({
  msgId: `b${i}`, chatJid: BOB, fromJid: BOB, toJid: ALICE, outgoing: false, msgType: 'text',
  body: `message ${i}`, timestamp: 10_000 * i, status: 'received', stanzaId: `s${i}`, ...extra,
});
const live = (i: number, extra: Partial<NewMessage> = {}): StoreEvent => ({ kind: 'message', fresh: true, message: message(i, extra) });
const settings = (s: Omit<ChatSettings, 'chatJid'>): StoreEvent => ({ kind: 'chat-settings', settings: [{ chatJid: BOB, ...s }], local: true });
const shown = async (store: ChatStore) => (await store.latest(BOB, 20)).map((m) => m.body).join('|');
const open = () => ChatStore.open(ALICE, new MemoryStorage(), immediate);

describe('clearing a chat (store/clearing.ts applyClear)', () => {
  it('hides the messages up to the mark, keeps later and starred ones; the row shows the newest left and counts unread left', async () => {
    const store = await open();
    const star = message(2);
    await store.dispatch([{ kind: 'favourites', star: [{ ...star }], local: true }]);
    await store.dispatch([live(1), live(2), live(3), live(4), live(5)]);
    expect(store.recentChat(BOB)!.unreadCount).to.equal(5);
    await store.dispatch(settings({ cleared: { at: 35_000 } }));
    expect(await shown(store)).to.equal('message 2|message 4|message 5');
    expect(store.recentChat(BOB)!.lastMessage!.body).to.equal('message 5');
    expect(store.recentChat(BOB)!.unreadCount).to.equal(3);
    // The mark by archive id: that message and every cached one before it, whatever their stamps.
    await store.dispatch(settings({ cleared: { at: 36_000, stanzaId: 's4' } }));
    expect(await shown(store)).to.equal('message 2|message 5');
  });

  it('the mark by archive id clears every cached row up to that message, whatever their stamps (another clock)', async () => {
    const store = await open();
    await store.dispatch([live(1), live(2, { timestamp: 50_000 }), live(3), live(4)]);
    await store.dispatch(settings({ cleared: { at: 20_000, stanzaId: 's3' } }));
    expect(await shown(store)).to.equal('message 4');
  });

  it('clear everything: the row stays, empty, unread 0; deleted: the row leaves, and a newer message brings it back with only that one', async () => {
    const store = await open();
    await store.dispatch([live(1), live(2)]);
    await store.dispatch(settings({ cleared: { at: 20_000 } }));
    expect(await shown(store)).to.equal('');
    const row = store.recentChat(BOB)!;
    expect(row.lastMessage === null && row.unreadCount === 0).to.equal(true);
    await store.dispatch(settings({ cleared: { at: 20_001 }, deleted: true }));
    expect(store.recentChats.length).to.equal(0);
    // Copies of cleared ones (archive, carbon) and an older message do not bring it back.
    await store.dispatch([live(1), live(0, { msgId: 'x', stanzaId: 'x' }), { kind: 'history', chatJid: BOB, messages: [message(-1)], complete: false }]);
    expect(store.recentChats.length).to.equal(0);
    expect(await shown(store)).to.equal('');
    await store.dispatch([live(3)]);
    expect(await shown(store)).to.equal('message 3');
    const back = store.recentChat(BOB)!;
    expect(`${back.lastMessage!.body} ${back.unreadCount}`).to.equal('message 3 1');
  });

  it('a message at or before the mark never enters as shown (live, history), unless starred; its archive id alone suffices', async () => {
    const store = await open();
    await store.dispatch(settings({ cleared: { at: 30_000, stanzaId: 's9' } }));
    await store.dispatch([{ kind: 'favourites', star: [message(2)], local: true }]);
    await store.dispatch([live(3), live(9), { kind: 'history', chatJid: BOB, messages: [message(1), message(2)], complete: false }]);
    expect(await shown(store)).to.equal('message 2');
    expect(store.recentChat(BOB)!.lastMessage!.body).to.equal('message 2');
    await store.dispatch([live(4)]);
    expect(await shown(store)).to.equal('message 2|message 4');
  });

  it('the cache\'s oldest message cleared: the chat\'s history is complete (paging back asks the archive nothing)', async () => {
    const store = await open();
    await store.dispatch([live(1), live(2)]);
    expect((await store.log(BOB)).meta.complete).to.equal(false);
    await store.dispatch(settings({ cleared: { at: 15_000 } }));
    expect((await store.log(BOB)).meta.complete).to.equal(true);
  });
});

describe('what a mark covers (store/removals.ts clearedBy)', () => {
  const mark = { at: 10_000, stanzaId: 'n', ids: ['a', 'n'] };
  const covers = (timestamp: number, stanzaId?: string) => clearedBy(mark, { timestamp, stanzaId });

  it('far from the mark its time decides; near it, an archive id must be named; a message without one goes by time', () => {
    expect([covers(1_000, 'x'), covers(4_000), covers(20_000, 'y')].join()).to.equal('true,true,false');
    // Near the mark: an archived copy stamped in the same second as the mark, cleared or not.
    expect([covers(10_000, 'a'), covers(10_000, 'reply'), covers(9_000, 'late')].join()).to.equal('true,false,false');
    expect([covers(9_999), covers(10_001)].join()).to.equal('true,false');
    // A mark without ids (from before they were kept): time everywhere.
    expect(clearedBy({ at: 10_000 }, { timestamp: 10_000, stanzaId: 'reply' })).to.equal(true);
  });
});

describe('the cleared-up-to mark (core/clear-chat.ts markFor)', () => {
  const m = (timestamp: number, stanzaId?: string) => ({ ...message(0), timestamp, rowId: 0, ...(stanzaId ? { stanzaId } : { stanzaId: undefined }) }) as ChatMessage;
  const text = (mark: { at: number; stanzaId?: string }) => `${mark.at} ${mark.stanzaId ?? '-'}`;

  it('everything: the latest of now, the newest message and the previous mark + 1; the newest archive id', () => {
    expect(text(markFor({ newest: [m(5_000, 'a'), m(9_000)], now: 7_000 }))).to.equal('9000 a');
    expect(text(markFor({ newest: [m(5_000, 'a'), m(6_000, 'b')], now: 7_000 }))).to.equal('7000 b');
    expect(text(markFor({ newest: [m(5_000, 'a')], now: 7_000 }))).to.equal('7000 a');
    expect(text(markFor({ newest: [], previous: { at: 8_000 }, now: 7_000 }))).to.equal('8001 -');
  });

  it('up to a message: its time and its archive id', () => {
    expect(text(markFor({ named: m(5_200, 'n'), newest: [m(5_200, 'n'), m(7_300)], now: 9_000 }))).to.equal('5200 n');
    expect(text(markFor({ named: m(7_100), newest: [m(7_100), m(7_300, 'k')], now: 9_000 }))).to.equal('7100 -');
  });
});
