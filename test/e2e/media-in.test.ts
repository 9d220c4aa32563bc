import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import { makePerson, peoplePerTest, server, threadsPerTest, waitFor } from './helpers.js';
import { esc, foreignPerTest, uploadEncrypted } from './foreign.js';

const person = peoplePerTest();
const foreign = foreignPerTest();
const openThread = threadsPerTest();

/** Body + XEP-0066 OOB with the same URL: what Conversations, Gajim, profanity and converse.js send. */
const oobFile = (to: string, id: string, url: string) =>
  `<message type="chat" to="${to}" id="${id}"><body>${esc(url)}</body><x xmlns="jabber:x:oob"><url>${esc(url)}</url></x>`
  + '<markable xmlns="urn:xmpp:chat-markers:0"/></message>';

describe('files from other clients', () => {
  it('body + OOB for an image, audio, video and pdf (and Dino\'s XEP-0447 share) arrive as those kinds; the recent chat says what came', async () => {
    const { httpPort } = await server();
    const alice = await person(null);
    const bob = await foreign();
    const base = `http://localhost:${httpPort}/file_share/abc`;
    const sent: [string, string, string][] = [['img', 'photo.png', 'image'], ['aud', 'song.mp3', 'audio'], ['vid', 'clip.mp4', 'video'], ['doc', 'Report.pdf', 'file']];
    for (const [id, name] of sent) bob.send(oobFile(alice.jid, id, `${base}/${name}`));
    // Dino: body URL + OOB + <file-sharing> with XEP-0446 metadata (type, size, dimensions, caption).
    bob.send(`<message type="chat" to="${alice.jid}" id="dino"><body>${base}/x</body><x xmlns="jabber:x:oob"><url>${base}/x</url></x>
      <file-sharing xmlns="urn:xmpp:sfs:0" id="fs"><file xmlns="urn:xmpp:file:metadata:0"><media-type>image/jpeg</media-type><name>beach.jpg</name>
      <size>20480</size><width>1200</width><height>800</height><desc>Beach</desc></file>
      <sources xmlns="urn:xmpp:sfs:0"><url-data xmlns="http://jabber.org/protocol/url-data" target="${base}/x"/></sources></file-sharing></message>`);
    await waitFor(() => alice.messages.length === 5, 'five files');
    for (const [id, name, kind] of sent) {
      const m = alice.messages.find((x) => x.msgId === id)!;
      expect(m.msgType, name).to.equal(kind);
      expect(m.media?.url, name).to.equal(`${base}/${name}`);
      expect(m.media?.fileName, name).to.equal(name);
      expect(m.body, name).to.equal('');
    }
    const dino = alice.messages.find((x) => x.msgId === 'dino')!;
    expect(dino.msgType).to.equal('image');
    expect(`${dino.media?.fileName} ${dino.media?.fileSize} ${dino.media?.width}x${dino.media?.height} ${dino.body}`).to.equal('beach.jpg 20480 1200x800 Beach');
    const chat = (await alice.sdk.getRecentChats()).data!.find((c) => c.chatJid === bob.jid)!;
    expect(chat.lastMessage?.msgType).to.equal('image');
    expect(chat.lastMessage?.fileName).to.equal('beach.jpg');
    // The archive gives the same reading as the live stanza (a new device of alice).
    const other = await person({ username: alice.username, password: alice.password }, { initialSyncMessages: 50 });
    const archived = await waitFor(async () => {
      const page = (await other.sdk.getChatMessages({ toJid: bob.jid })).data!;
      return page.length === 5 ? page : undefined;
    }, 'the archived files');
    expect(archived.map((m) => m.msgType).join()).to.equal('image,audio,video,file,image');
  });

  it('a javascript: or data: URL in body + OOB stays text', async () => {
    const alice = await person(null);
    const bob = await foreign();
    bob.send(oobFile(alice.jid, 'js', 'javascript:alert(document.domain)//x.png'));
    bob.send(oobFile(alice.jid, 'data', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='));
    await waitFor(() => alice.messages.length === 2, 'both messages');
    for (const m of alice.messages) {
      expect(m.msgType, m.msgId).to.equal('text');
      expect(m.media === undefined, m.msgId).to.equal(true);
      expect(m.body.startsWith('javascript:') || m.body.startsWith('data:'), m.msgId).to.equal(true);
    }
  });
});

describe('encrypted files from other clients', () => {
  it('a lone aesgcm:// body (Conversations\' OMEMO file) shows in the thread decrypted, byte for byte', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const canvas = Object.assign(document.createElement('canvas'), { width: 30, height: 20 });
    canvas.getContext('2d')!.fillRect(0, 0, 30, 20);
    const plain = new Uint8Array(await (await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'))).arrayBuffer());
    const url = await uploadEncrypted(bob, plain, 'photo.png');
    // Conversations: the body is the URL alone (no OOB for an encrypted file), markable, with a store hint.
    bob.send(`<message type="chat" to="${alice.jid}" id="omemo-file"><body>${esc(url)}</body><markable xmlns="urn:xmpp:chat-markers:0"/><store xmlns="urn:xmpp:hints"/></message>`);
    const { thread } = await openThread(alice.sdk, bob.jid);
    const img = await waitFor(() => thread.shadowRoot?.querySelector<HTMLImageElement>('lit-virtualizer .row.in img.image'), 'the decrypted picture');
    expect(img.src.startsWith('blob:')).to.equal(true);
    await waitFor(() => img.complete && img.naturalWidth === 30, 'the picture to load');
    const shown = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
    expect(shown.join(',') === plain.join(',')).to.equal(true);
    // The server keeps ciphertext only.
    const stored = new Uint8Array(await (await fetch(`http://${url.slice('aesgcm://'.length).split('#')[0]}`)).arrayBuffer());
    expect(stored.length).to.equal(plain.length + 16);
  });
});

describe('getMediaMessages', () => {
  it('pages a chat\'s 25 media messages among text 3, then 10, then 10, then the rest, newest first, from the archive on a new device', async function () {
    this.timeout(60000);
    const { httpPort } = await server();
    const alice = await person(null);
    const bob = await foreign();
    const kinds = ['a.png', 'b.mp3', 'c.mp4', 'd.pdf', 'e.jpg'];
    for (let i = 0; i < 50; i++) {
      if (i % 2) bob.send(oobFile(alice.jid, `m${i}`, `http://localhost:${httpPort}/f/${i}/${kinds[i % 5]}`));
      else bob.send(`<message type="chat" to="${alice.jid}" id="t${i}"><body>text ${i}</body></message>`);
    }
    await waitFor(() => alice.messages.length === 50, 'all 50 messages', 30000);
    const expected = Array.from({ length: 25 }, (_, k) => `m${49 - 2 * k}`);

    // A new device: the cache holds only the newest few, the rest comes from the archive.
    const fresh = await person({ username: alice.username, password: alice.password }, { initialSyncMessages: 6 });
    const pages: string[][] = [];
    let last: string | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await fresh.sdk.getMediaMessages({ toUserJid: bob.jid, ...(last ? { lastMessageId: last } : {}) });
      expect(res.statusCode, res.message).to.equal(200);
      pages.push(res.data!.map((m) => m.msgId));
      if (res.data!.some((m) => m.msgType === 'text' || !m.media)) throw new Error('a text message in the media list');
      last = res.data![res.data!.length - 1]?.msgId ?? last;
    }
    expect(pages.map((p) => p.length).join()).to.equal('3,10,10,2,0');
    const all = pages.flat();
    expect(new Set(all).size).to.equal(25);
    expect(all.join()).to.equal(expected.join());
    // The same from the cache now, on the first device.
    const first = await alice.sdk.getMediaMessages({ toUserJid: bob.jid });
    expect(first.data!.map((m) => m.msgId).join()).to.equal(expected.slice(0, 3).join());
  });

  it('answers 404 for an unknown lastMessageId, 400 for bad parameters, 403 when switched off', async () => {
    const alice = await person(null);
    const bob = await foreign();
    expect((await alice.sdk.getMediaMessages({ toUserJid: bob.jid, lastMessageId: 'nope' })).statusCode).to.equal(404);
    expect((await alice.sdk.getMediaMessages({ toUserJid: '' })).statusCode).to.equal(400);
    expect((await alice.sdk.getMediaMessages({ toUserJid: bob.jid, lastMessageId: 5 as unknown as string })).statusCode).to.equal(400);
    expect((await alice.sdk.getMediaMessages({ toUserJid: bob.jid })).data!.length).to.equal(0);
    const off = await makePerson({ username: alice.username, password: alice.password }, { features: { mediaMessages: false }, connect: false });
    const denied = await off.sdk.getMediaMessages({ toUserJid: bob.jid });
    expect(denied.statusCode).to.equal(403);
    expect(denied.message).to.contain('mediaMessages');
  });
});
