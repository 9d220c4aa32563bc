import { expect } from '@open-wc/testing';
import { xml, ALICE, BOB } from './stanzas.js';
import { buildChatMessage, readMessage } from '../../src/protocol/message.js';
import { replyQuote, stripReplyFallback } from '../../src/protocol/fallback.js';
import { interpret } from '../../src/core/interpret.js';

const ctx = { account: ALICE, source: 'live' as const, fresh: true, now: 1000 };

describe('replies: the XEP-0428 fallback quote (XEP-0461 §3.1)', () => {
  it('each quoted line starts with "> "; the quote ends with a newline', () => {
    expect(replyQuote('one\ntwo')).to.equal('> one\n> two\n');
  });

  it('the quote goes before the text, marked by code points (an emoji counts once), and reads back as the text', () => {
    const quote = replyQuote('café 😀');
    const el = xml(buildChatMessage({ to: BOB, id: 'r1', body: 'yes 🎉', replyTo: { id: 'o1', to: BOB }, quote }).toString());
    expect(el.getElementsByTagName('body')[0].textContent).to.equal('> café 😀\nyes 🎉');
    const range = el.getElementsByTagNameNS('urn:xmpp:fallback:0', 'fallback')[0];
    expect(range.getAttribute('for')).to.equal('urn:xmpp:reply:0');
    expect(range.getElementsByTagName('body')[0].getAttribute('start')).to.equal('0');
    // "> café 😀\n" is 9 code points (10 UTF-16 units).
    expect(range.getElementsByTagName('body')[0].getAttribute('end')).to.equal('9');
    expect(readMessage(el).body).to.equal('yes 🎉');
  });

  it('a file keeps its URL as the body: no quote', () => {
    const el = xml(buildChatMessage({ to: BOB, id: 'r2', body: '', replyTo: { id: 'o1', to: BOB }, quote: '> x\n', media: { url: 'https://h/f.png' } }).toString());
    expect(el.getElementsByTagName('body')[0].textContent).to.equal('https://h/f.png');
    expect(el.getElementsByTagNameNS('urn:xmpp:fallback:0', 'fallback').length).to.equal(0);
  });

  it('ranges anywhere in the body are cut; the legacy namespace too; without a fallback the body stays', () => {
    const stanza = (fallback: string, body: string) => xml(`<message xmlns="jabber:client" from="${BOB}/d" to="${ALICE}" type="chat" id="x"><body>${body}</body>`
      + `<reply xmlns="urn:xmpp:reply:0" id="o1" to="${ALICE}"/>${fallback}</message>`);
    expect(readMessage(stanza('<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="3" end="9"/></fallback>', 'ok &gt; 😀hi\nyes')).body).to.equal('ok yes');
    expect(readMessage(stanza('<fallback xmlns="urn:xmpp:feature-fallback:0" for="urn:xmpp:reply:0"><body start="0" end="6"/></fallback>', '&gt; a\nb\nc')).body).to.equal('c');
    expect(readMessage(stanza('', '&gt; quoted\nmine')).body).to.equal('> quoted\nmine');
    // A fallback for another feature is not the reply's.
    expect(readMessage(stanza('<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reactions:0"><body start="0" end="2"/></fallback>', 'abc')).body).to.equal('abc');
  });

  it('without a <reply/> the body is never cut', () => {
    const el = xml(`<message xmlns="jabber:client" type="chat" id="x"><body>abc</body><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="2"/></fallback></message>`);
    expect(stripReplyFallback(el, 'abc')).to.equal('c');
    expect(readMessage(el).body).to.equal('abc');
  });
});

describe('forwarded copies', () => {
  it('carry our own mark, which the receiving side reads as forwarded', () => {
    const sent = xml(buildChatMessage({ to: ALICE, id: 'f1', body: 'fwd', forwarded: true }).toString());
    expect(sent.getElementsByTagNameNS('urn:chat-widget:forwarded:0', 'forwarded').length).to.equal(1);
    sent.setAttribute('from', `${BOB}/d`);
    const read = interpret(sent, ctx).events[0];
    expect(read.kind === 'message' && read.message.forwarded === true).to.equal(true);
    const plain = interpret(xml(buildChatMessage({ to: ALICE, id: 'f2', body: 'not' }).toString().replace('<message ', `<message from="${BOB}/d" `)), ctx).events[0];
    expect(plain.kind === 'message' && plain.message.forwarded === undefined).to.equal(true);
  });
});
