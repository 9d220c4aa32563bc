/** Favourites: the snapshot kept in the private PEP node (protocol/favourites.ts), read defensively, and
 * the cache's list (store/favourites.ts): changes made here win over the server's until it has them,
 * the `favourite` flag of cached messages follows the list, a message deleted for everyone leaves it. */
import { expect } from '@open-wc/testing';
import { favouriteId } from '../../src/model/ids.js';
import type { FavouriteSnapshot, NewMessage } from '../../src/model/types.js';
import { favouritePayload, readFavourite } from '../../src/protocol/favourites.js';
import { buildPrivatePublish } from '../../src/protocol/private-pep.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { favouriteMessages } from '../../src/store/favourites.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import { ALICE, BOB, xml } from './stanzas.js';

const NODE = 'urn:xmpp:chat-widget:favourites:0';
const immediate = (cb: () => void) => cb();

const snapshot = (msgId: string, extra: Partial<FavouriteSnapshot> = {}): FavouriteSnapshot => ({
  chatJid: BOB, msgId, fromJid: BOB, toJid: ALICE, outgoing: false, msgType: 'text', body: `text ${msgId}`, timestamp: Date.UTC(2026, 0, 1), ...extra,
});

/** The item a snapshot is published as, read back as the server would hand it out. */
function item(f: FavouriteSnapshot, id = favouriteId(f.chatJid, f.msgId)) {
  const el = xml(buildPrivatePublish(NODE, id, favouritePayload(f), 'p1').toString()).getElementsByTagName('item')[0];
  return { id: el.getAttribute('id')!, payload: el.firstElementChild };
}

const message = (msgId: string, extra: Partial<NewMessage> = {}): NewMessage => ({ ...snapshot(msgId), status: 'received', ...extra });

describe('favourites', () => {
  it('keep a snapshot of the message that reads back as it was, its file included', () => {
    const f = snapshot('m 1\n%', { stanzaId: 's1', body: 'a caption', msgType: 'image', media: { url: 'https://files.example/cat.jpg', mimeType: 'image/jpeg', fileSize: 1234 } });
    const read = readFavourite(item(f), ALICE)!;
    expect(`${read.chatJid} ${read.msgId} ${read.fromJid} ${read.toJid} ${read.outgoing} ${read.stanzaId} ${read.timestamp === f.timestamp}`)
      .to.equal(`${BOB} m 1\n% ${BOB} ${ALICE} false s1 true`);
    expect(read.body).to.equal('https://files.example/cat.jpg');
    expect(read.payload.getElementsByTagNameNS('urn:xmpp:file:metadata:0', 'desc')[0].textContent).to.equal('a caption');
    expect(/^[^\s]+ [^\s]+$/.test(item(f).id)).to.equal(true);
  });

  it('refuse a snapshot under another id, of another chat, or naming someone else as sender', () => {
    expect(readFavourite(item(snapshot('m1'), `${BOB} m%2`), ALICE) === null).to.equal(true);
    expect(readFavourite(item(snapshot('m1'), `${BOB} m 2`), ALICE) === null).to.equal(true);
    expect(readFavourite(item(snapshot('m1'), 'm1'), ALICE) === null).to.equal(true);
    expect(readFavourite(item(snapshot('m1', { fromJid: 'eve@localhost' })), ALICE) === null).to.equal(true);
    expect(readFavourite(item(snapshot('m1', { fromJid: ALICE, toJid: 'eve@localhost', outgoing: true })), ALICE) === null).to.equal(true);
    expect(readFavourite(item(snapshot('m1', { chatJid: 'Bob@Localhost' })), ALICE) === null).to.equal(true);
    const undated = item(snapshot('m1'));
    undated.payload!.setAttribute('stamp', 'yesterday');
    expect(readFavourite(undated, ALICE) === null).to.equal(true);
    expect(readFavourite(item(snapshot('m1', { fromJid: ALICE, toJid: BOB, outgoing: true })), ALICE)!.outgoing).to.equal(true);
  });

  it('mark cached messages, also ones cached after they were starred, and list uncached ones from their snapshot', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch({ kind: 'message', fresh: false, message: message('m1') });
    await store.dispatch({ kind: 'favourites', all: [snapshot('m1'), snapshot('m2', { timestamp: Date.UTC(2026, 0, 2) })] });
    expect((await store.findMessage(BOB, BOB, 'm1'))!.favourite).to.equal(true);
    const list = await favouriteMessages(store);
    expect(list.map((m) => `${m.msgId}:${Number.isNaN(m.rowId)}`).join()).to.equal('m2:true,m1:false');
    await store.dispatch({ kind: 'message', fresh: false, message: message('m2') });
    expect((await store.findMessage(BOB, BOB, 'm2'))!.favourite).to.equal(true);
    await store.dispatch({ kind: 'favourites', unstar: [favouriteId(BOB, 'm1')] });
    expect((await store.findMessage(BOB, BOB, 'm1'))!.favourite).to.not.equal(true);
  });

  it("keep this device's changes over the server's until it has them", async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch({ kind: 'favourites', star: [snapshot('m1')], local: true });
    await store.dispatch({ kind: 'favourites', all: [snapshot('m2')] });
    expect((await favouriteMessages(store)).map((m) => m.msgId).sort().join()).to.equal('m1,m2');
    await store.dispatch({ kind: 'favourites', unstar: [favouriteId(BOB, 'm2')], local: true });
    await store.dispatch({ kind: 'favourites', star: [snapshot('m2')] });
    expect((await favouriteMessages(store)).map((m) => m.msgId).join()).to.equal('m1');
    expect(Object.keys(store.favourites.pending).length).to.equal(2);
    // Remove all: the server's list is ignored until the purge went.
    await store.dispatch({ kind: 'favourites', all: [], local: true });
    await store.dispatch({ kind: 'favourites', all: [snapshot('m3')] });
    expect(`${(await favouriteMessages(store)).length} ${store.favourites.purge}`).to.equal('0 true');
  });

  it('let a message deleted for everyone leave them, and ignore unstarring one that is not starred', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch({ kind: 'favourites', unstar: [favouriteId(BOB, 'm9')], local: true });
    expect(Object.keys(store.favourites.pending).length).to.equal(0);
    await store.dispatch({ kind: 'message', fresh: false, message: message('m1', { retracted: true }) });
    await store.dispatch({ kind: 'favourites', all: [snapshot('m1')] });
    expect(`${(await favouriteMessages(store)).length} ${store.favourites.pending[favouriteId(BOB, 'm1')] === null}`).to.equal('0 true');
  });
});
