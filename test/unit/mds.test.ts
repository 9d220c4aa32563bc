import { expect } from '@open-wc/testing';
import { xml, ALICE, BOB } from './stanzas.js';
import { capabilities, buildDiscoInfoReply, addCaps } from '../../src/protocol/caps.js';
import { buildDisplayedPublish, readDisplayedEvent, readDisplayedItems } from '../../src/protocol/mds.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { MemoryStorage } from '../../src/store/persistence.js';
import type { NewMessage } from '../../src/model/types.js';
import { $pres } from 'strophe.js';

const MDS = 'urn:xmpp:mds:displayed:0';
const event = (from: string, by = ALICE) => xml(`<message xmlns="jabber:client" from="${from}" to="${ALICE}/web" type="headline">`
  + `<event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${MDS}"><item id="${BOB}">`
  + `<displayed xmlns="${MDS}"><stanza-id xmlns="urn:xmpp:sid:0" by="${by}" id="s2"/></displayed></item></items></event></message>`);

describe('entity capabilities (XEP-0115) and disco#info', () => {
  it('computes the verification string of the XEP-0115 §5.2 example', async () => {
    const caps = await capabilities('http://code.google.com/p/exodus', { category: 'client', type: 'pc', name: 'Exodus 0.9.1' },
      ['http://jabber.org/protocol/muc', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#items']);
    expect(caps.ver).to.equal('QgayPKawpkPSDYmwT/WM94uAlu0=');
    const c = xml(addCaps($pres(), caps).toString()).getElementsByTagNameNS('http://jabber.org/protocol/caps', 'c')[0];
    expect(c.getAttribute('ver')).to.equal(caps.ver);
  });

  it('answers disco#info for the caps node with the features, and item-not-found for other nodes', async () => {
    const caps = await capabilities('urn:test', { category: 'client', type: 'web', name: 'w' }, [`${MDS}+notify`]);
    const ask = (node: string) => xml(buildDiscoInfoReply(xml(`<iq xmlns="jabber:client" type="get" id="disco" from="${ALICE}">`
      + `<query xmlns="http://jabber.org/protocol/disco#info" node="${node}"/></iq>`), caps).toString());
    const ok = ask(`urn:test#${caps.ver}`);
    expect(ok.getAttribute('type')).to.equal('result');
    expect(ok.getAttribute('to')).to.equal(ALICE);
    expect([...ok.getElementsByTagName('feature')].map((f) => f.getAttribute('var'))).to.deep.equal([`${MDS}+notify`]);
    expect(ask('urn:other#x').getAttribute('type')).to.equal('error');
  });
});

describe('message displayed synchronization (XEP-0490)', () => {
  it('publishes the chat as item id, our stanza-id, and the private-node options', () => {
    const iq = xml(buildDisplayedPublish({ chatJid: BOB, stanzaId: 's9' }, ALICE, 'p1').toString());
    const item = iq.getElementsByTagName('item')[0];
    expect(item.getAttribute('id')).to.equal(BOB);
    const sid = item.getElementsByTagNameNS('urn:xmpp:sid:0', 'stanza-id')[0];
    expect([sid.getAttribute('by'), sid.getAttribute('id'), sid.parentElement!.namespaceURI]).to.deep.equal([ALICE, 's9', MDS]);
    const fields: Record<string, string | null> = {};
    for (const f of iq.getElementsByTagName('field')) fields[f.getAttribute('var')!] = f.textContent;
    expect(fields).to.deep.equal({
      FORM_TYPE: 'http://jabber.org/protocol/pubsub#publish-options', 'pubsub#persist_items': 'true', 'pubsub#max_items': 'max',
      'pubsub#send_last_published_item': 'never', 'pubsub#access_model': 'whitelist',
    });
  });

  it('reads items, skipping stanza-ids of other archives and non-chat item ids', () => {
    const result = xml(`<iq xmlns="jabber:client" type="result" id="x"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="${MDS}">`
      + `<item id="${BOB}"><displayed xmlns="${MDS}"><stanza-id xmlns="urn:xmpp:sid:0" by="${ALICE}" id="s1"/></displayed></item>`
      + `<item id="room@muc.localhost"><displayed xmlns="${MDS}"><stanza-id xmlns="urn:xmpp:sid:0" by="room@muc.localhost" id="r1"/></displayed></item>`
      + `<item id="room@muc.localhost/nick"><displayed xmlns="${MDS}"><stanza-id xmlns="urn:xmpp:sid:0" by="${ALICE}" id="r2"/></displayed></item>`
      + '</items></pubsub></iq>');
    expect(readDisplayedItems(result, ALICE)).to.deep.equal([{ chatJid: BOB, stanzaId: 's1' }]);
  });

  it('believes notifications only from our own bare JID', () => {
    expect(readDisplayedEvent(event(ALICE), ALICE)).to.deep.equal([{ chatJid: BOB, stanzaId: 's2' }]);
    expect(() => readDisplayedEvent(event(BOB), ALICE)).to.throw();
    expect(() => readDisplayedEvent(event(`${ALICE}/other`), ALICE)).to.throw();
    expect(readDisplayedEvent(xml(`<message xmlns="jabber:client" from="${ALICE}"><body>x</body></message>`), ALICE)).to.equal(null);
  });
});

describe('unread on a new device (store)', () => {
  const message = (i: number, outgoing = false): NewMessage => ({
    msgId: `m${i}`, chatJid: BOB, fromJid: outgoing ? ALICE : BOB, toJid: outgoing ? BOB : ALICE, outgoing, msgType: 'text',
    body: `${i}`, timestamp: 1000 + i, status: outgoing ? 'sent' : 'received', stanzaId: `s${i}`,
  });

  it('counts incoming catch-up messages after our last one, pages newest first, and moves on by stanza-id marks', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), (cb) => cb());
    await store.dispatch({ kind: 'history', chatJid: BOB, messages: [message(5), message(6)], complete: false, unread: true });
    expect(store.recentChat(BOB)!.unreadCount).to.equal(2);
    await store.dispatch({ kind: 'history', chatJid: BOB, messages: [message(2), message(3, true), message(4)], complete: true, unread: true });
    expect(store.recentChat(BOB)!.unreadCount).to.equal(3);
    await store.dispatch({ kind: 'read', chatJid: BOB, stanzaId: 'unknown' });
    expect(store.recentChat(BOB)!.unreadCount).to.equal(3);
    await store.dispatch({ kind: 'read', chatJid: BOB, stanzaId: 's5' });
    expect(store.recentChat(BOB)!.unreadCount).to.equal(1);
    await store.dispatch({ kind: 'read', chatJid: BOB, stanzaId: 's4' });
    expect(store.recentChat(BOB)!.unreadCount).to.equal(1);
  });

  it('history read later (not a new device) counts nothing', async () => {
    const store = await ChatStore.open(ALICE, new MemoryStorage(), (cb) => cb());
    await store.dispatch({ kind: 'history', chatJid: BOB, messages: [message(1), message(2)], complete: true });
    expect(store.recentChat(BOB)!.unreadCount).to.equal(0);
  });
});
