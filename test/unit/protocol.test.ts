import { expect } from '@open-wc/testing';
import { xml, ALICE, BOB } from './stanzas.js';
import { buildChatMessage, readMessage } from '../../src/protocol/message.js';
import { readReceipt, buildReceipt } from '../../src/protocol/receipts.js';
import { readDisplayed } from '../../src/protocol/markers.js';
import { readChatState, buildChatState } from '../../src/protocol/chat-states.js';
import { unwrapCarbon } from '../../src/protocol/carbons.js';
import { buildArchiveQuery, readArchivedMessage, readArchiveFin } from '../../src/protocol/mam.js';
import { interpret } from '../../src/core/interpret.js';
import { escapeNode, unescapeNode, jidForUser, requireJid } from '../../src/model/jid.js';

const ctx = { account: ALICE, source: 'live' as const, fresh: true, now: 1000 };

describe('stanza building', () => {
  it('a text message carries body, origin-id, receipt request, markable and active state', () => {
    const el = xml(buildChatMessage({ to: BOB, id: 'm1', body: '<b>hi</b> & bye' }).toString());
    expect(el.getAttribute('type')).to.equal('chat');
    expect(el.getElementsByTagName('body')[0].textContent).to.equal('<b>hi</b> & bye');
    expect(el.getElementsByTagNameNS('urn:xmpp:sid:0', 'origin-id')[0].getAttribute('id')).to.equal('m1');
    expect(el.getElementsByTagNameNS('urn:xmpp:receipts', 'request').length).to.equal(1);
    expect(el.getElementsByTagNameNS('urn:xmpp:chat-markers:0', 'markable').length).to.equal(1);
    expect(el.getElementsByTagNameNS('http://jabber.org/protocol/chatstates', 'active').length).to.equal(1);
  });

  it('a reply and mentions are carried as XEP-0461 and XEP-0372 elements', () => {
    const el = xml(buildChatMessage({ to: BOB, id: 'm2', body: 'yes', replyTo: { id: 'orig', to: BOB }, mentions: [BOB] }).toString());
    expect(el.getElementsByTagNameNS('urn:xmpp:reply:0', 'reply')[0].getAttribute('id')).to.equal('orig');
    expect(el.getElementsByTagNameNS('urn:xmpp:reference:0', 'reference')[0].getAttribute('uri')).to.equal(`xmpp:${BOB}`);
  });

  it('typing notifications are never stored by the server', () => {
    const el = xml(buildChatState(BOB, 'composing', 'x').toString());
    expect(readChatState(el)).to.equal('composing');
    expect(el.getElementsByTagNameNS('urn:xmpp:hints', 'no-store').length).to.equal(1);
  });

  it('a receipt refers to the received id', () => {
    expect(readReceipt(xml(buildReceipt(BOB, 'm1', 'r1').toString()))).to.equal('m1');
  });

  it('an archive query pages backwards from the end with an empty before', () => {
    const el = xml(buildArchiveQuery({ queryId: 'q', with: BOB, before: '', max: 50 }, 'iq1').toString());
    const set = el.getElementsByTagNameNS('http://jabber.org/protocol/rsm', 'set')[0];
    expect(set.getElementsByTagName('before').length).to.equal(1);
    expect(set.getElementsByTagName('max')[0].textContent).to.equal('50');
    const values = [...el.getElementsByTagName('value')].map((v) => v.textContent);
    expect(values).to.include(BOB);
  });
});

describe('stanza parsing', () => {
  it('reads body, ids, delay and only trusts a stanza-id from our own archive', () => {
    const el = xml(`<message xmlns="jabber:client" from="${BOB}/phone" to="${ALICE}" type="chat" id="abc">
      <body>hello</body><origin-id xmlns="urn:xmpp:sid:0" id="orig-1"/>
      <stanza-id xmlns="urn:xmpp:sid:0" id="arch-1" by="${ALICE}"/>
      <stanza-id xmlns="urn:xmpp:sid:0" id="forged" by="${BOB}"/>
      <delay xmlns="urn:xmpp:delay" stamp="2026-01-02T03:04:05Z"/></message>`);
    const content = readMessage(el);
    expect(content.id).to.equal('abc');
    expect(content.originId).to.equal('orig-1');
    expect(content.body).to.equal('hello');
    expect(content.delays[0].stamp).to.equal(Date.UTC(2026, 0, 2, 3, 4, 5));
    const result = interpret(el, ctx);
    const msg = result.events[0];
    expect(msg.kind).to.equal('message');
    if (msg.kind !== 'message') return;
    expect(msg.message.stanzaId).to.equal('arch-1');
    // The id receipts and markers refer to is the stanza's own id attribute (XEP-0184, XEP-0333).
    expect(msg.message.msgId).to.equal('abc');
    expect(msg.message.originId).to.equal('orig-1');
    expect(msg.message.chatJid).to.equal(BOB);
    expect(msg.message.outgoing).to.equal(false);
    expect(result.receiptFor).to.equal(undefined); // no receipt requested
  });

  it('a body holding markup stays text', () => {
    const el = xml(`<message xmlns="jabber:client" from="${BOB}/x" to="${ALICE}" type="chat" id="1"><body>&lt;img src=x onerror=alert(1)&gt;</body></message>`);
    expect(readMessage(el).body).to.equal('<img src=x onerror=alert(1)>');
  });

  it('a receipt and a displayed marker from the peer move our message status', () => {
    const receipt = interpret(xml(`<message xmlns="jabber:client" from="${BOB}/x" to="${ALICE}"><received xmlns="urn:xmpp:receipts" id="m1"/></message>`), ctx);
    expect(receipt.events).to.deep.equal([{ kind: 'status', chatJid: BOB, fromJid: ALICE, msgId: 'm1', status: 'delivered' }]);
    const seen = interpret(xml(`<message xmlns="jabber:client" from="${BOB}/x" to="${ALICE}" type="chat"><displayed xmlns="urn:xmpp:chat-markers:0" id="m1"/></message>`), ctx);
    expect(seen.events[0]).to.include({ kind: 'status', status: 'seen', msgId: 'm1' });
  });

  it('a message asking for a receipt gets one owed, addressed to the full JID it came from', () => {
    const r = interpret(xml(`<message xmlns="jabber:client" from="${BOB}/x" to="${ALICE}" type="chat" id="i1"><body>hi</body><request xmlns="urn:xmpp:receipts"/></message>`), ctx);
    expect(r.receiptFor).to.deep.equal({ to: `${BOB}/x`, id: 'i1' });
  });

  it('a receipt is owed for a message fetched by the catch-up, not for old history', () => {
    const el = xml(`<message xmlns="jabber:client" from="${BOB}/x" to="${ALICE}" type="chat" id="i2"><body>hi</body><request xmlns="urn:xmpp:receipts"/></message>`);
    expect(interpret(el, { ...ctx, source: 'archive', fresh: true, archiveId: 'a1' }).receiptFor).to.deep.equal({ to: BOB, id: 'i2' });
    expect(interpret(el, { ...ctx, source: 'archive', fresh: false, archiveId: 'a1' }).receiptFor).to.equal(undefined);
  });

  it('a carbon from a stranger is rejected', () => {
    const forged = xml(`<message xmlns="jabber:client" from="mallory@localhost" to="${ALICE}/w"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"><message xmlns="jabber:client" from="${ALICE}/o" to="${BOB}" type="chat"><body>fake</body></message></forwarded></sent></message>`);
    expect(() => unwrapCarbon(forged, ALICE)).to.throw(/not from our own account/);
  });

  it('a carbon of what we sent on another device becomes our outgoing message', () => {
    const carbon = xml(`<message xmlns="jabber:client" from="${ALICE}" to="${ALICE}/w"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"><message xmlns="jabber:client" from="${ALICE}/o" to="${BOB}" type="chat" id="c1"><body>from my phone</body></message></forwarded></sent></message>`);
    const unwrapped = unwrapCarbon(carbon, ALICE)!;
    const event = interpret(unwrapped.message, { ...ctx, source: 'carbon' }).events[0];
    expect(event.kind === 'message' && event.message).to.include({ outgoing: true, chatJid: BOB, status: 'sent', body: 'from my phone' });
  });

  it('an archive result from someone else, or for a query we never made, is rejected', () => {
    const result = (from: string, queryid: string) => xml(`<message xmlns="jabber:client" ${from ? `from="${from}"` : ''} to="${ALICE}/w"><result xmlns="urn:xmpp:mam:2" queryid="${queryid}" id="a1"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T00:00:00Z"/><message xmlns="jabber:client" from="${BOB}/x" to="${ALICE}" type="chat"><body>old</body></message></forwarded></result></message>`);
    const ours = (id: string) => id === 'q1';
    expect(readArchivedMessage(result('', 'q1'), ALICE, ours)!.archiveId).to.equal('a1');
    expect(() => readArchivedMessage(result(BOB, 'q1'), ALICE, ours)).to.throw(/not from our archive/);
    expect(() => readArchivedMessage(result(ALICE, 'q9'), ALICE, ours)).to.throw(/unknown query/);
  });

  it('reads the archive page end marker', () => {
    const fin = readArchiveFin(xml(`<iq xmlns="jabber:client" type="result" id="1"><fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm"><first index="0">f</first><last>l</last><count>7</count></set></fin></iq>`));
    expect(fin).to.deep.equal({ complete: true, first: 'f', last: 'l', count: 7 });
  });

  it('a bounced message marks ours failed with a readable reason', () => {
    const r = interpret(xml(`<message xmlns="jabber:client" from="nobody@localhost" to="${ALICE}/w" type="error" id="m9"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`), ctx);
    expect(r.events[0]).to.include({ kind: 'status', status: 'failed', msgId: 'm9' });
    expect((r.events[0] as { error: string }).error).to.match(/does not exist/);
  });

  it('groupchat, headline and messages without a usable peer are ignored', () => {
    expect(interpret(xml(`<message xmlns="jabber:client" from="room@muc.localhost/x" to="${ALICE}" type="groupchat"><body>x</body></message>`), ctx).events.length).to.equal(0);
    expect(interpret(xml(`<message xmlns="jabber:client" from="localhost" to="${ALICE}"><body>motd</body></message>`), ctx).events.length).to.equal(0);
  });

  it('reads chat states and markers', () => {
    expect(readChatState(xml(`<message xmlns="jabber:client"><paused xmlns="http://jabber.org/protocol/chatstates"/></message>`))).to.equal('paused');
    expect(readDisplayed(xml(`<message xmlns="jabber:client"><displayed xmlns="urn:xmpp:chat-markers:0" id="z"/></message>`))).to.equal('z');
  });
});

describe('JIDs', () => {
  it('escapes user ids per XEP-0106 and round-trips them', () => {
    expect(escapeNode('d\'artagnan@x y')).to.equal('d\\27artagnan\\40x\\20y');
    expect(unescapeNode(escapeNode('a/b:c<d>&"'))).to.equal('a/b:c<d>&"');
    expect(jidForUser('Alice Smith', 'example.com')).to.equal('alice\\20smith@example.com');
  });

  it('rejects malformed JIDs with a message naming the parameter', () => {
    expect(() => requireJid('', 'toJid')).to.throw(/toJid is required/);
    expect(() => requireJid('no-domain', 'toJid')).to.throw(/toJid "no-domain" is not a valid JID/);
    expect(requireJid('Bob@LocalHost/phone', 'toJid')).to.equal('bob@localhost');
  });
});
