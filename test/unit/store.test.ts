import { expect } from '@open-wc/testing';
import { ChatStore } from '../../src/store/chat-store.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import type { OutboxEntry, StoreEvent } from '../../src/model/events.js';
import { statusAfter, type MessageStatus, type NewMessage } from '../../src/model/types.js';
import { ALICE, BOB } from './stanzas.js';

const immediate = (cb: () => void) => cb();

function incoming(i: number, extra: Partial<NewMessage> = {}): StoreEvent {
  return {
    kind: 'message', fresh: true,
    message: {
      msgId: `b${i}`, chatJid: BOB, fromJid: BOB, toJid: ALICE, outgoing: false, msgType: 'text',
      body: `message ${i}`, timestamp: 1000 + i, status: 'received', stanzaId: `s${i}`, ...extra,
    },
  };
}

function outgoing(i: number): StoreEvent {
  const entry: OutboxEntry = { chatJid: BOB, msgId: `a${i}`, msgType: 'text', body: `mine ${i}`, timestamp: 5000 + i };
  return { kind: 'outgoing', entry, message: { ...entry, fromJid: ALICE, toJid: BOB, outgoing: true, status: 'pending' } };
}

const acknowledged = (...ids: string[]): StoreEvent[] =>
  ids.map((msgId) => ({ kind: 'status', chatJid: BOB, fromJid: ALICE, msgId, status: 'sent' }));

describe('the chat store', () => {
  it('keeps one copy of a message that arrives live, then again from the archive', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    const first = await store.dispatch([incoming(1)]);
    const again = await store.dispatch([incoming(1), incoming(1, { stanzaId: undefined })]);
    expect(first.added.length).to.equal(1);
    expect(again.added.length).to.equal(0);
    expect((await store.latest(BOB, 10)).length).to.equal(1);
    expect(store.recentChat(BOB)!.unreadCount).to.equal(1);
  });

  it('an id reused with other content is another message; with the same content, the same one', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch([incoming(1, { msgId: 'seq-1', body: 'first', stanzaId: undefined })]);
    await store.dispatch([incoming(2, { msgId: 'seq-1', body: 'second', stanzaId: undefined })]);
    await store.dispatch([incoming(3, { msgId: 'seq-1', body: 'second', stanzaId: undefined })]);
    expect((await store.latest(BOB, 10)).map((m) => m.body)).to.deep.equal(['first', 'second']);
    // A lookup by the id finds the newest message that has it.
    expect((await store.findMessage(BOB, BOB, 'seq-1'))!.body).to.equal('second');
    // An origin-id is unique per sender whatever the content (a correction-free resend).
    await store.dispatch([incoming(4, { msgId: 'o1', originId: 'o1', body: 'x', stanzaId: undefined })]);
    const resend = await store.dispatch([incoming(5, { msgId: 'o1', originId: 'o1', body: 'x', stanzaId: 's-other' })]);
    expect(resend.added.length).to.equal(0);
  });

  it('an index written by an older version is rebuilt from the messages', async () => {
    const kv = new MemoryStorage();
    const store = await ChatStore.open(ALICE, kv, immediate);
    await store.dispatch([incoming(1), incoming(2)]);
    await store.flush();
    await kv.setItem(`ids:${BOB}`, { packed: `o:${BOB}:b1\t0\n`, from: 0, to: 1 });
    const reopened = await ChatStore.open(ALICE, kv, immediate);
    expect((await reopened.findMessage(BOB, BOB, 'b2'))?.body).to.equal('message 2');
    expect((await reopened.dispatch([incoming(2, { stanzaId: undefined })])).added.length).to.equal(0);
  });

  it('corrections: the newest wins whichever order they are read in; a copy is not applied twice', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    const fix = (id: string, body: string, at: number, older: boolean): StoreEvent => {
      const c = (incoming(0, { msgId: id, originId: id, body, timestamp: at, stanzaId: `s-${id}` }) as { message: NewMessage }).message;
      return { kind: 'correction', chatJid: BOB, replaceId: 'p1', correction: c, older };
    };
    // Read backwards: the newest correction comes before its original and waits for it.
    await store.dispatch([fix('p3', 'at 7', 3000, true)]);
    await store.dispatch({ kind: 'history', chatJid: BOB, messages: [(incoming(1, { msgId: 'p1', body: 'at 5' }) as { message: NewMessage }).message], complete: true });
    expect((await store.latest(BOB, 5)).map((m) => m.body)).to.deep.equal(['at 7']);
    await store.dispatch([fix('p2', 'at 6', 3000, true), fix('p2', 'at 6', 2000, true)]);
    expect((await store.latest(BOB, 5)).map((m) => m.body)).to.deep.equal(['at 7']);
    // One archive page (oldest first) holding two corrections of the same second: the later one wins.
    await store.dispatch([fix('p5', 'at 9', 4000, true), fix('p6', 'at 10', 4000, true)]);
    expect((await store.latest(BOB, 5))[0].body).to.equal('at 10');
    // Live, in order: a later one wins, even in the same second; a copy of an old one changes nothing.
    await store.dispatch([fix('p4', 'at 8', 4000, false)]);
    await store.dispatch([fix('p2', 'at 6', 9000, false)]);
    const [m] = await store.latest(BOB, 5);
    expect(m.body).to.equal('at 8');
    expect(m.editedAt).to.equal(4000);
  });

  it('a chat stored with a date in the future (an older cache) does not stay on top', async () => {
    const kv = new MemoryStorage();
    const future = Date.now() + 365 * 24 * 3600_000;
    await kv.setItem('chats', [
      { chatJid: BOB, lastMessage: null, timestamp: future, unreadCount: 0 },
      { chatJid: 'carol@localhost', lastMessage: null, timestamp: Date.now() - 1000, unreadCount: 0 },
    ]);
    const store = await ChatStore.open(ALICE, kv, immediate);
    await new Promise((r) => setTimeout(r, 5));
    await store.dispatch([incoming(1, { chatJid: 'carol@localhost', fromJid: 'carol@localhost', timestamp: Date.now() })]);
    expect(store.recentChats.map((c) => c.chatJid)).to.deep.equal(['carol@localhost', BOB]);
  });

  it('the archive\'s newest page, asked for before anything cached had an archive id, never puts newer messages in front', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    // b2 arrived live while the page was on its way; b3 is still in flight (live delivery brings it).
    await store.dispatch([incoming(2)]);
    const page = [1, 2, 3].map((i) => (incoming(i) as { message: NewMessage }).message);
    await store.dispatch({ kind: 'history', chatJid: BOB, messages: page, complete: true, newest: true });
    expect((await store.latest(BOB, 10)).map((m) => m.msgId)).to.deep.equal(['b1', 'b2']);
    await store.dispatch([incoming(3)]);
    expect((await store.latest(BOB, 10)).map((m) => m.msgId)).to.deep.equal(['b1', 'b2', 'b3']);
    expect(store.recentChat(BOB)!.lastMessage!.msgId).to.equal('b3');
  });

  it('pages by row id: up is older, down is newer, no gap and no duplicate', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch(Array.from({ length: 250 }, (_, i) => incoming(i)));
    const seen: string[] = [];
    let page = await store.latest(BOB, 40);
    while (page.length) {
      seen.unshift(...page.map((m) => m.msgId));
      page = await store.before(BOB, page[0].rowId, 40);
    }
    expect(seen).to.deep.equal(Array.from({ length: 250 }, (_, i) => `b${i}`));
    const down = await store.after(BOB, (await store.latest(BOB, 250))[99].rowId, 30);
    expect(down.map((m) => m.msgId)).to.deep.equal(Array.from({ length: 30 }, (_, i) => `b${100 + i}`));
  });

  it('puts older archive pages in front and learns archive ids of messages it already has', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch([incoming(10), incoming(11)]);
    const older = [8, 9].map((i) => (incoming(i) as { message: NewMessage }).message);
    const page = await store.dispatch({ kind: 'history', chatJid: BOB, messages: [...older, (incoming(10) as { message: NewMessage }).message], complete: true });
    expect(page.prepended).to.equal(2);
    expect(page.added.length).to.equal(0); // history is not news: nothing to announce
    const all = await store.latest(BOB, 10);
    expect(all.map((m) => m.msgId)).to.deep.equal(['b8', 'b9', 'b10', 'b11']);
    expect(all.map((m) => m.rowId)).to.deep.equal([-2, -1, 0, 1]);
    expect((await store.log(BOB)).meta.complete).to.equal(true);
  });

  it('a seen marker marks that message and every earlier one of ours as seen', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    for (let i = 0; i < 3; i++) await store.dispatch(outgoing(i));
    await store.dispatch(acknowledged('a0', 'a1', 'a2'));
    const r = await store.dispatch([{ kind: 'status', chatJid: BOB, fromJid: ALICE, msgId: 'a1', status: 'seen' }]);
    expect(r.statuses.map((s) => `${s.msgId}:${s.status}`)).to.deep.equal(['a0:seen', 'a1:seen']);
    const late = await store.dispatch([{ kind: 'status', chatJid: BOB, fromJid: ALICE, msgId: 'a0', status: 'delivered' }]);
    expect(late.statuses.length).to.equal(0); // status never moves backwards
    expect((await store.latest(BOB, 3)).map((m) => m.status)).to.deep.equal(['seen', 'seen', 'sent']);
  });

  it('the outbox survives a reload even when the cache flush did not happen', async () => {
    const kv = new MemoryStorage();
    const store = await ChatStore.open(ALICE, kv, immediate);
    await store.dispatch(outgoing(1));
    await store.outboxSaved();
    // No flush: a new store over the same storage sees the outbox and restores the message (once, however
    // often it is opened).
    await ChatStore.open(ALICE, kv, immediate);
    const reloaded = await ChatStore.open(ALICE, kv, immediate);
    expect(reloaded.pendingOutbox.map((e) => e.msgId)).to.deep.equal(['a1']);
    const msgs = await reloaded.latest(BOB, 5);
    expect(msgs.map((m) => `${m.msgId}:${m.status}`)).to.deep.equal(['a1:pending']);
  });

  it('keeps the files of the latest failed uploads and every file still to upload, and drops older ones', async () => {
    const kv = new MemoryStorage();
    const store = await ChatStore.open(ALICE, kv, immediate);
    // f0 is still to upload (in the outbox, as a second tab wrote it); f1..f24 failed, oldest first.
    await kv.setItem('outbox', [{ chatJid: BOB, msgId: 'f0', body: '', timestamp: 1, msgType: 'file', upload: { blobKey: 'f0', fileName: 'a.pdf', mimeType: 'application/pdf', fileSize: 1 } }]);
    for (let i = 0; i < 25; i++) await store.files.saveBlob(`f${i}`, new Blob([String(i)]));
    await store.files.pruneBlobs(20);
    const kept = async (i: number) => (await store.files.loadBlob(`f${i}`)) !== null;
    expect(await kept(0)).to.equal(true);
    for (let i = 1; i <= 4; i++) expect(await kept(i), `f${i}`).to.equal(false);
    for (let i = 5; i < 25; i++) expect(await kept(i), `f${i}`).to.equal(true);
    // A removed file leaves the list: pruning again drops nothing more.
    await store.files.removeBlob('f24');
    await store.files.pruneBlobs(20);
    expect(await kept(5)).to.equal(true);
  });

  it('two tabs of one account keep each other\'s unsent messages in the outbox', async () => {
    const kv = new MemoryStorage();
    const tab1 = await ChatStore.open(ALICE, kv, immediate);
    const tab2 = await ChatStore.open(ALICE, kv, immediate);
    await tab2.dispatch(outgoing(2));
    await tab2.outboxSaved();
    await tab1.dispatch(outgoing(1)); // tab 1 never saw tab 2's message: its write must not erase it
    await tab1.outboxSaved();
    const reloaded = await ChatStore.open(ALICE, kv, immediate);
    expect(reloaded.pendingOutbox.map((e) => e.msgId).sort()).to.deep.equal(['a1', 'a2']);
    // An acknowledged message leaves the outbox for good, whatever the other tab writes next.
    await tab2.dispatch(acknowledged('a2'));
    await tab2.outboxSaved();
    await tab1.dispatch(outgoing(3));
    await tab1.outboxSaved();
    const again = await ChatStore.open(ALICE, kv, immediate);
    expect(again.pendingOutbox.map((e) => e.msgId).sort()).to.deep.equal(['a1', 'a3']);
  });

  it('a sent acknowledgement empties the outbox', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch(outgoing(1));
    await store.dispatch(acknowledged('a1'));
    expect(store.pendingOutbox.length).to.equal(0);
  });

  it('a burst of 1,000 messages is written in a handful of writes, not one per message', async () => {
    const kv = new MemoryStorage();
    let writes = 0;
    const setItem = kv.setItem.bind(kv);
    kv.setItem = (key, value) => {
      writes++;
      return setItem(key, value);
    };
    const store = await ChatStore.open(ALICE, kv, immediate);
    await store.dispatch(Array.from({ length: 1000 }, (_, i) => incoming(i)));
    await store.flush();
    // 10 segments + meta + id index + recent chats.
    expect(writes).to.be.at.most(15);
    const reloaded = await ChatStore.open(ALICE, kv, immediate);
    expect((await reloaded.latest(BOB, 1000)).length).to.equal(1000);
    expect(reloaded.recentChat(BOB)!.lastMessage!.body).to.equal('message 999');
  });

  it('after a reload, messages written since the index was last saved are still recognised as duplicates', async () => {
    const kv = new MemoryStorage();
    const store = await ChatStore.open(ALICE, kv, immediate);
    await store.dispatch(Array.from({ length: 5 }, (_, i) => incoming(i)));
    await store.flush(); // index saved covering rows 0..4
    await store.dispatch([incoming(5), incoming(6)]);
    await store.writer.flush(); // segments saved; the index write is still throttled
    const reloaded = await ChatStore.open(ALICE, kv, immediate);
    const again = await reloaded.dispatch([incoming(6), incoming(3), incoming(7)]);
    expect(again.added.map((m) => m.msgId)).to.deep.equal(['b7']);
  });

  it('subscribers hear of a lone change at once, and of the rest of a burst once per frame', async () => {
    const frames: (() => void)[] = [];
    const store = await ChatStore.open(ALICE, new MemoryStorage(), (cb) => frames.push(cb));
    const heard: number[] = [];
    store.subscribe((change) => heard.push(change.chats.size));
    await store.dispatch([incoming(0)]);
    expect(heard).to.deep.equal([1]); // no frame has run: delivered without waiting for one
    await store.dispatch(Array.from({ length: 100 }, (_, i) => incoming(i + 1)));
    expect(heard).to.have.length(1); // right after a delivery, changes wait for the frame
    frames.forEach((f) => f());
    expect(heard).to.have.length(2);
  });

  it('an outbox written by an earlier version (text only, reply as a bare id) is read as today\'s entries', async () => {
    const kv = new MemoryStorage();
    await kv.setItem('outbox', [{ chatJid: BOB, msgId: 'old1', body: 'from v0.1', replyTo: 'b3', timestamp: 7 }, { junk: true }]);
    const store = await ChatStore.open(ALICE, kv, immediate);
    expect(store.pendingOutbox).to.deep.equal([{ chatJid: BOB, msgId: 'old1', body: 'from v0.1', replyTo: { msgId: 'b3' }, timestamp: 7, msgType: 'text' }]);
    expect((await store.latest(BOB, 1))[0]).to.include({ msgId: 'old1', status: 'pending', outgoing: true, msgType: 'text' });
  });
});

describe('the status state machine', () => {
  it('moves by what each piece of evidence proves, whatever came before', () => {
    const table: [MessageStatus, 'sent' | 'failed' | 'delivered' | 'seen', MessageStatus][] = [
      ['pending', 'sent', 'sent'], ['failed', 'sent', 'failed'], ['delivered', 'sent', 'delivered'],
      ['pending', 'failed', 'failed'], ['sent', 'failed', 'failed'], ['delivered', 'failed', 'delivered'], ['seen', 'failed', 'seen'],
      ['failed', 'delivered', 'delivered'], ['pending', 'delivered', 'delivered'], ['seen', 'delivered', 'seen'],
      ['failed', 'seen', 'seen'], ['sent', 'seen', 'seen'],
    ];
    const wrong = table.filter(([from, evidence, to]) => statusAfter(from, evidence) !== to);
    expect(wrong.map((w) => w.join(' + '))).to.deep.equal([]);
  });
});
