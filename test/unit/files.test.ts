import { expect } from '@open-wc/testing';
import { xml, ALICE, BOB } from './stanzas.js';
import { interpret } from '../../src/core/interpret.js';
import type { NewMessage } from '../../src/model/types.js';
import { buildChatMessage } from '../../src/protocol/message.js';
import { addOob } from '../../src/protocol/oob.js';
import { addFileMetadata } from '../../src/protocol/file-metadata.js';

const ctx = { account: ALICE, source: 'live' as const, fresh: true, now: 1000 };
const URL = 'https://upload.example.org/f3a1/holiday%20photo.jpg';

/** The message an incoming stanza becomes. */
function read(stanza: string): NewMessage {
  const event = interpret(xml(stanza), ctx).events.find((e) => e.kind === 'message');
  if (event?.kind !== 'message') throw new Error('no message');
  return event.message;
}

const from = (inner: string, id = 'f1') => `<message xmlns="jabber:client" from="${BOB}/dev" to="${ALICE}" type="chat" id="${id}">${inner}</message>`;

describe('files in the shapes other clients send', () => {
  it('Conversations: body = URL and the same URL in OOB is an image, named after the URL', () => {
    // Conversations src/main/java/eu/siacs/conversations/generator/MessageGenerator.java: the file's
    // URL as body, <x xmlns="jabber:x:oob"><url/></x>, receipts request, markable, origin-id.
    const m = read(from(`<body>${URL}</body><x xmlns="jabber:x:oob"><url>${URL}</url></x>
      <request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/><origin-id xmlns="urn:xmpp:sid:0" id="f1"/>`));
    expect(m.msgType).to.equal('image');
    expect(m.media?.url).to.equal(URL);
    expect(m.media?.fileName).to.equal('holiday photo.jpg');
    expect(m.media?.mimeType).to.equal('image/jpeg');
    expect(m.body).to.equal('');
  });

  it('profanity /sendfile: an mp3, a webm video and a pdf by extension', () => {
    // profanity src/xmpp/stanza.c stanza_attach_x_oob_url: body = URL plus <x xmlns="jabber:x:oob"><url/>.
    for (const [name, kind] of [['song.mp3', 'audio'], ['clip.webm', 'video'], ['Report.PDF', 'file'], ['notes.bin', 'file']]) {
      const url = `http://localhost:5280/file_share/abc/${name}`;
      const m = read(from(`<body>${url}</body><x xmlns="jabber:x:oob"><url>${url}</url></x>`));
      expect(m.msgType, name).to.equal(kind);
      expect(m.media?.fileName, name).to.equal(name);
    }
  });

  it('converse.js / Gajim: an OOB <desc> is not a caption, and a URL with a #fragment still matches', () => {
    // converse.js sends body = URL and <x xmlns="jabber:x:oob"><url/>(<desc/>)</x>; Gajim the same.
    const m = read(from(`<body>${URL}#x=1</body><x xmlns="jabber:x:oob"><url>${URL}</url><desc>holiday photo.jpg</desc></x>`));
    expect(m.msgType).to.equal('image');
    expect(m.body).to.equal('');
  });

  it('Dino: XEP-0447 file sharing with XEP-0446 metadata gives type, size, dimensions, thumbnail and caption', () => {
    // Dino xmpp-vala/src/module/xep/0447_stateless_file_sharing.vala set_sfs_element: <file-sharing>
    // holding <file xmlns="urn:xmpp:file:metadata:0"> and <sources> with <url-data target=…/>; body = URL, OOB.
    const thumb = 'data:image/png;base64,iVBORw0KGgo=';
    const m = read(from(`<body>${URL}</body><x xmlns="jabber:x:oob"><url>${URL}</url></x>
      <file-sharing xmlns="urn:xmpp:sfs:0" id="fs1"><file xmlns="urn:xmpp:file:metadata:0">
        <media-type>video/mp4</media-type><name>beach.mp4</name><size>1048576</size><width>640</width><height>360</height>
        <length>12500</length><desc>At the beach</desc><thumbnail xmlns="urn:xmpp:thumbs:1" uri="${thumb}" media-type="image/png" width="32" height="18"/>
      </file><sources><url-data xmlns="http://jabber.org/protocol/url-data" target="${URL}"/></sources></file-sharing>`));
    expect(m.msgType).to.equal('video');
    expect(m.media?.fileName).to.equal('beach.mp4');
    expect(m.media?.fileSize).to.equal(1048576);
    expect(m.media?.width).to.equal(640);
    expect(m.media?.height).to.equal(360);
    expect(m.media?.duration).to.equal(12500);
    expect(m.media?.thumbnail).to.equal(thumb);
    expect(m.body).to.equal('At the beach');
  });

  it('XEP-0447 with an http(s) source and no body is still a file', () => {
    const m = read(from(`<file-sharing xmlns="urn:xmpp:sfs:0"><file xmlns="urn:xmpp:file:metadata:0"><media-type>audio/ogg</media-type><name>voice.oga</name></file>
      <sources><url-data xmlns="http://jabber.org/protocol/url-data" target="https://x.example/v.oga"/></sources></file-sharing>`));
    expect(m.msgType).to.equal('audio');
    expect(m.media?.url).to.equal('https://x.example/v.oga');
  });

  it('an aesgcm:// link alone (OMEMO clients after decrypting) is a file with its name', () => {
    const url = 'aesgcm://upload.example.org/abc/scan.pdf#0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567';
    const m = read(from(`<body>${url}</body>`));
    expect(m.msgType).to.equal('file');
    expect(m.media?.fileName).to.equal('scan.pdf');
    expect(m.media?.url).to.equal(url);
  });

  it('our own outgoing shape (body + OOB + XEP-0446 with a caption) reads back whole', () => {
    const stanza = buildChatMessage({ to: BOB, id: 'o1', body: 'https://up.example/a/b.png' });
    addOob(stanza, 'https://up.example/a/b.png');
    addFileMetadata(stanza, { url: 'https://up.example/a/b.png', fileName: 'b.png', mimeType: 'image/png', fileSize: 2048, width: 10, height: 20, thumbnail: 'data:image/jpeg;base64,AAAA' }, 'Look ↓');
    const el = xml(stanza.toString());
    el.setAttribute('from', `${ALICE}/web`);
    const read = interpret(el, { ...ctx, source: 'carbon' }).events.find((e) => e.kind === 'message');
    const m = read?.kind === 'message' ? read.message : undefined;
    expect(m?.outgoing).to.equal(true);
    expect(m?.msgType).to.equal('image');
    expect(m?.media?.fileSize).to.equal(2048);
    expect(m?.media?.height).to.equal(20);
    expect(m?.media?.thumbnail).to.equal('data:image/jpeg;base64,AAAA');
    expect(m?.body).to.equal('Look ↓');
  });
});

describe('what is never a file', () => {
  for (const url of ['javascript:alert(1)//x.png', 'data:image/png;base64,AAAA', 'file:///etc/passwd.png', '/relative/x.png']) {
    it(`a body + OOB with ${url.slice(0, 12)}… stays text`, () => {
      const m = read(from(`<body>${url}</body><x xmlns="jabber:x:oob"><url>${url}</url></x>`));
      expect(m.msgType).to.equal('text');
      expect(m.media === undefined).to.equal(true);
      expect(m.body).to.equal(url);
    });
  }

  it('a URL in the body without OOB, or an OOB URL that differs from the body, is text', () => {
    expect(read(from(`<body>${URL}</body>`)).msgType).to.equal('text');
    const m = read(from(`<body>see this</body><x xmlns="jabber:x:oob"><url>${URL}</url></x>`));
    expect(m.msgType).to.equal('text');
    expect(m.body).to.equal('see this');
  });

  it('an XEP-0447 source that is not http(s) is not a file; a javascript: thumbnail is dropped', () => {
    expect(read(from(`<body>x</body><file-sharing xmlns="urn:xmpp:sfs:0"><file xmlns="urn:xmpp:file:metadata:0"><name>a.png</name></file>
      <sources><url-data xmlns="http://jabber.org/protocol/url-data" target="javascript:alert(1)"/></sources></file-sharing>`)).msgType).to.equal('text');
    const m = read(from(`<body>${URL}</body><x xmlns="jabber:x:oob"><url>${URL}</url></x><file xmlns="urn:xmpp:file:metadata:0">
      <thumbnail xmlns="urn:xmpp:thumbs:1" uri="javascript:alert(1)"/></file>`));
    expect(m.msgType).to.equal('image');
    expect(m.media?.thumbnail === undefined).to.equal(true);
  });

  it('a hostile file name loses its path and control characters but stays as text', () => {
    const m = read(from(`<body>${URL}</body><x xmlns="jabber:x:oob"><url>${URL}</url></x><file xmlns="urn:xmpp:file:metadata:0">
      <name>../../&lt;img src=x onerror=alert(1)&gt;\u202Egpj.exe</name></file>`));
    expect(m.media?.fileName).to.equal('<img src=x onerror=alert(1)>gpj.exe');
  });
});
