import { expect } from '@open-wc/testing';
import { ChatStore } from '../../src/store/chat-store.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import type { StoreEvent } from '../../src/model/events.js';
import type { NewMessage } from '../../src/model/types.js';
import { ALICE, BOB } from './stanzas.js';

const immediate = (cb: () => void) => cb();
const CAROL = 'carol@localhost';

const message = (i: number, extra: Partial<NewMessage> = {}): NewMessage => ({
  msgId: `b${i}`, originId: `b${i}`, chatJid: BOB, fromJid: BOB, toJid: ALICE, outgoing: false, msgType: 'text',
  body: `message ${i}`, timestamp: 1000 + i, status: 'received', stanzaId: `s${i}`, ...extra,
});
const history = (...messages: NewMessage[]): StoreEvent => ({ kind: 'history', chatJid: BOB, messages, complete: false });
const retraction = (fromJid: string, targetId: string): StoreEvent => ({ kind: 'retraction', chatJid: BOB, fromJid, targetId });
const shown = async (store: ChatStore) => (await store.latest(BOB, 10)).map((m) => (m.retracted ? '(deleted)' : m.body)).join('|');

describe('removals in the store (retractions, messages hidden for me)', () => {
  it('a retraction met before its original (history read back) empties the original when it comes', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch([history(message(2)), retraction(BOB, 'b1')]);
    await store.dispatch([history(message(1))]);
    expect(await shown(store)).to.equal('(deleted)|message 2');
  });

  it('a retraction by anyone else than the sender is ignored, before and after its original', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch([retraction(CAROL, 'b1'), retraction(ALICE, 'b1')]);
    await store.dispatch([history(message(1))]);
    await store.dispatch([retraction(CAROL, 'b1'), retraction(ALICE, 'b1')]);
    expect(await shown(store)).to.equal('message 1');
  });

  it('a live original is retracted in place, announced as removed and not as new within the same batch', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    const result = await store.dispatch([{ kind: 'message', fresh: true, message: message(1, { favourite: true }) }, retraction(BOB, 'b1')]);
    expect(result.added.length).to.equal(0);
    expect(result.removed!.length).to.equal(1);
    const [m] = await store.latest(BOB, 10);
    expect(m.retracted === true && m.body === '' && m.favourite === false).to.equal(true);
    expect(store.recentChat(BOB)!.lastMessage!.retracted).to.equal(true);
  });

  it('a hidden message leaves reads and the preview, and stays hidden when the archive brings it again', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch([history(message(1), message(2))]);
    await store.dispatch([{ kind: 'hide', chatJid: BOB, refs: [{ fromJid: BOB, msgId: 'b2', stanzaId: 's2' }, { fromJid: BOB, msgId: 'b0' }] }]);
    expect(await shown(store)).to.equal('message 1');
    expect(store.recentChat(BOB)!.lastMessage!.body).to.equal('message 1');
    await store.dispatch([history(message(0), message(2))]);
    expect(await shown(store)).to.equal('message 1');
  });
});

describe('removals: ids reused', () => {
  it('a retraction waiting for an older original does not empty a newer live message reusing the id', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch([history(message(2)), retraction(BOB, 'b1')]);
    await store.dispatch([{ kind: 'message', fresh: true, message: message(3, { msgId: 'b1', originId: 'b1', stanzaId: 's3', body: 'id reused' }) }]);
    expect(await shown(store)).to.equal('message 2|id reused');
  });
});
