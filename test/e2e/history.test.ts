/** Reading a long history on a fresh device: bigger archive pages while the reader keeps going, and the
 * next page fetched before it is asked for. */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import type { ChatThread } from '../../src/components/thread/chat-thread.js';
import { ignoreResizeObserverNotice, makePerson, sleep, waitFor, type Person } from './helpers.js';

ignoreResizeObserverNotice();

const cleanup: Person[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((p) => p.sdk.disconnect()));
});

/** Counts the archive queries a person's connection sends from now on. */
function countArchiveQueries(person: Person): { readonly count: number } {
  const conn = person.sdk.core!.conn!;
  const counter = { count: 0 };
  const previous = conn.xmlOutput.bind(conn);
  conn.xmlOutput = (el: Element) => {
    // strophe builds stanzas with xmlns attributes, not DOM namespaces: look at the markup.
    if (el.outerHTML.includes('<query xmlns="urn:xmpp:mam:2"')) counter.count++;
    previous(el);
  };
  return counter;
}

describe('history on a fresh device', () => {
  let alice: Person;
  let bob: Person;
  before(async function () {
    this.timeout(60000);
    alice = await makePerson(null);
    bob = await makePerson(null);
    const sends = Array.from({ length: 300 }, (_, i) => alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: `h${i}` }));
    await Promise.all(sends);
    await waitFor(() => bob.messages.length === 300, 'bob to have all 300', 45000);
  });
  after(async () => {
    await alice.sdk.disconnect();
    await bob.sdk.disconnect();
  });

  it('reading up in quick steps asks the archive for growing pages, not one query per step', async function () {
    this.timeout(30000);
    // A new device reads only the newest entries at sign-in, so this chat's history comes from paging.
    const reader = await makePerson({ username: bob.username, password: bob.password }, { initialSyncMessages: 10 });
    cleanup.push(reader);
    const queries = countArchiveQueries(reader);
    const bodies: string[] = [];
    let lastRowId: number | undefined;
    for (;;) {
      const res = await reader.sdk.getChatMessages({ toJid: alice.jid, limit: 25, ...(lastRowId !== undefined ? { lastRowId } : {}) });
      if (res.data!.length === 0) break;
      bodies.unshift(...res.data!.map((m) => m.body));
      lastRowId = res.data![0].rowId;
    }
    expect(bodies).to.deep.equal(Array.from({ length: 300 }, (_, i) => `h${i}`));
    // 12 steps of 25; pages of 100, 200, 400 cover them in about three queries (one per step would be 12).
    expect(queries.count).to.be.at.most(5);
  });

  it('the pages above the one shown are fetched before the reader asks for them', async function () {
    this.timeout(30000);
    const reader = await makePerson({ username: bob.username, password: bob.password }, { initialSyncMessages: 10 });
    const first = await reader.sdk.getChatMessages({ toJid: alice.jid, limit: 20 });
    expect(first.data!.map((m) => m.body)).to.deep.equal(Array.from({ length: 20 }, (_, i) => `h${280 + i}`));
    await sleep(1500); // the prefetch runs in the background
    // Offline from here: what the reader gets now was fetched ahead of the asking.
    await reader.sdk.disconnect();
    const bodies: string[] = [];
    let lastRowId = first.data![0].rowId;
    for (let step = 0; step < 4; step++) {
      const page = (await reader.sdk.getChatMessages({ toJid: alice.jid, limit: 20, lastRowId })).data!;
      bodies.unshift(...page.map((m) => m.body));
      if (page.length === 0) break;
      lastRowId = page[0].rowId;
    }
    expect(bodies).to.deep.equal(Array.from({ length: 80 }, (_, i) => `h${200 + i}`));
  });

  it('a thread opened before its SDK is online fills in from the archive once it is', async function () {
    this.timeout(30000);
    const reader = await makePerson({ username: bob.username, password: bob.password }, { initialSyncMessages: 10, connect: false });
    cleanup.push(reader);
    const box = document.createElement('div');
    box.style.cssText = 'height:400px;display:flex;flex-direction:column';
    const thread = Object.assign(document.createElement('chat-thread') as ChatThread, { sdk: reader.sdk, peer: alice.jid });
    box.append(thread);
    document.body.append(box);
    try {
      // The cache of this new device is empty: the thread opens on nothing, then the account signs in.
      expect((await reader.sdk.connect(reader.username, reader.password)).statusCode).to.equal(200);
      const held = () => (thread as unknown as { messages: { body: string }[] }).messages;
      await waitFor(() => held().length >= 50, 'the thread to hold a page of history');
      expect(held().at(-1)!.body).to.equal('h299');
    } finally {
      box.remove();
    }
  });
});
