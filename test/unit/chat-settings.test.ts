/** This account's settings per chat: the item of the private PEP node `urn:xmpp:chat-widget:chats:0`
 * (protocol/chat-settings.ts), built and read strictly (a malformed item is left out whole), and the
 * store's rows flagged from them (muted rows out of the total unread, flags on rows that come later). */
import { expect } from '@open-wc/testing';
import type { ChatSettings, NewMessage } from '../../src/model/types.js';
import { chatSettingsPayload, readAllChatSettings, readChatSettings } from '../../src/protocol/chat-settings.js';
import { buildPrivatePublish, readPepEvent } from '../../src/protocol/private-pep.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import { ALICE, BOB, xml } from './stanzas.js';

const NODE = 'urn:xmpp:chat-widget:chats:0';
const CAROL = 'carol@localhost';
const immediate = (cb: () => void) => cb();

/** The item these settings are published as, read back as the server would hand it out. */
function item(s: ChatSettings, id = s.chatJid) {
  const el = xml(buildPrivatePublish(NODE, id, chatSettingsPayload(s), 'p1').toString()).getElementsByTagName('item')[0];
  return { id: el.getAttribute('id')!, payload: el.firstElementChild };
}

/** An item as another client could write it. */
const raw = (id: string, payload: string) => ({ id, payload: xml(payload) });
const chat = (attrs: string, inner = '') => `<chat xmlns="${NODE}" ${attrs}>${inner}</chat>`;

const text = (s: ChatSettings | null) => (s ? JSON.stringify(s) : 'null');

const message = (chatJid: string, msgId: string, timestamp: number): NewMessage => ({
  chatJid, msgId, fromJid: chatJid, toJid: ALICE, outgoing: false, msgType: 'text', body: msgId, timestamp, status: 'received',
});

describe('chat settings', () => {
  it('read back as they were built: flags, the cleared mark with milliseconds and its stanza-id', () => {
    const at = Date.UTC(2026, 10, 30, 10, 0, 0, 123);
    const s: ChatSettings = { chatJid: BOB, muted: true, archived: true, deleted: true, cleared: { at, stanzaId: 'arch-1' } };
    const built = item(s);
    expect(built.payload!.getElementsByTagName('cleared')[0].getAttribute('at')).to.equal('2026-11-30T10:00:00.123Z');
    expect(text(readChatSettings(built))).to.equal(text(s));
    // Absent flags are false (left out), no mark: none.
    expect(text(readChatSettings(item({ chatJid: BOB })))).to.equal(text({ chatJid: BOB }));
    expect(item({ chatJid: BOB, muted: false }).payload!.hasAttribute('muted')).to.equal(false);
    expect(text(readChatSettings(raw(BOB, chat(`jid="${BOB}" muted="1" archived="false" deleted="0"`))))).to.equal(text({ chatJid: BOB, muted: true }));
  });

  it('leave out a whole item with a bad or unnormalized JID, an id that is not its JID, a bad flag or date', () => {
    const bad = [
      raw('bob', chat('jid="bob"')),
      raw('Bob@Localhost', chat('jid="Bob@Localhost" muted="true"')),
      raw(`${BOB}/phone`, chat(`jid="${BOB}/phone" muted="true"`)),
      raw(CAROL, chat(`jid="${BOB}" muted="true"`)),
      raw(BOB, chat(`jid="${BOB}" muted="yes"`)),
      raw(BOB, chat(`jid="${BOB}"`, `<cleared at="yesterday"/>`)),
      raw(BOB, chat(`jid="${BOB}"`, `<cleared at="2026-11-30"/>`)),
      raw(BOB, chat(`jid="${BOB}"`, `<cleared at="2026-13-45T10:00:00Z"/>`)),
      raw(BOB, chat(`jid="${BOB}"`, `<cleared at="2026-11-30T10:00:00Z" stanza-id="${'x'.repeat(1025)}"/>`)),
      raw(BOB, `<chat xmlns="urn:example:other" jid="${BOB}" muted="true"/>`),
      { id: BOB, payload: null },
    ];
    for (const [i, it] of bad.entries()) expect(`${i}: ${text(readChatSettings(it))}`).to.equal(`${i}: null`);
    // Good ones beside them are kept; a time zone offset is read as XEP-0082 says.
    const good = raw(CAROL, chat(`jid="${CAROL}" archived="true"`, `<cleared at="2026-11-30T11:00:00.5+01:00"/>`));
    const all = readAllChatSettings([...bad, good]);
    expect(all.map((s) => `${s.chatJid} ${s.archived} ${s.cleared?.at === Date.UTC(2026, 10, 30, 10, 0, 0, 500)}`).join()).to.equal(`${CAROL} true true`);
  });

  it("are taken from a notification of our own account's node only", () => {
    const event = (from: string) => xml(`<message from="${from}" to="${ALICE}/web" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event">`
      + `<items node="${NODE}"><item id="${BOB}">${chat(`jid="${BOB}" muted="true"`)}</item><retract id="${CAROL}"/></items></event></message>`);
    const mine = readPepEvent(event(ALICE), NODE, ALICE)!;
    expect(`${text(readAllChatSettings(mine.items)[0])} ${mine.retracted.join()}`).to.equal(`${text({ chatJid: BOB, muted: true })} ${CAROL}`);
    expect(() => readPepEvent(event('mallory@localhost'), NODE, ALICE)).to.throw();
  });

  it('flag the recent rows, also a row that comes after its setting, and leave muted chats out of the total unread', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), immediate);
    await store.dispatch({ kind: 'message', fresh: true, message: message(BOB, 'b1', 1000) });
    await store.dispatch({ kind: 'message', fresh: true, message: message(BOB, 'b2', 2000) });
    await store.dispatch({ kind: 'chat-settings', settings: [{ chatJid: BOB, muted: true }, { chatJid: CAROL, archived: true, muted: true }], local: true });
    expect(`${store.recentChat(BOB)!.isMuted} ${store.recentChat(BOB)!.isArchived} ${store.recentChat(BOB)!.unreadCount} ${store.totalUnread}`).to.equal('true false 2 0');
    // Carol's row appears with a message: archived and muted from the start; it stays archived.
    await store.dispatch({ kind: 'message', fresh: true, message: message(CAROL, 'c1', 3000) });
    expect(store.recentChats.map((c) => `${c.chatJid}:${c.isArchived}:${c.isMuted}:${c.unreadCount}`).join())
      .to.equal(`${CAROL}:true:true:1,${BOB}:false:true:2`);
    expect(store.totalUnread).to.equal(0);
    await store.dispatch({ kind: 'chat-settings', settings: [{ chatJid: BOB }] });
    expect(`${store.recentChat(BOB)!.isMuted} ${store.totalUnread}`).to.equal('false 2');
    expect(Object.keys(store.chatSettings.pending).sort().join()).to.equal(`${BOB},${CAROL}`);
  });
});
