/** Sending files (issue 8): XEP-0363 upload to the real Prosody (1 MiB limit on the test server), the
 * stanza other clients read (body URL, XEP-0066 OOB, XEP-0446 metadata), progress, cancel, retry,
 * offline send across a reload, and the errors a person can act on. */
import { expect } from '@open-wc/testing';
import { peoplePerTest, server, sleep, startServer, stopServer, waitFor, wholeHistory, type Person } from './helpers.js';
import { foreignPerTest, uploadEncrypted } from './foreign.js';
import type { ChatMessage, UploadProgressEvent } from '../../src/model/types.js';

const person = peoplePerTest();
const foreign = foreignPerTest();

const NS_FILE = 'urn:xmpp:file:metadata:0';

async function png(width: number, height: number, name = 'red.png'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#c00';
  ctx.fillRect(0, 0, width, height);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** A real WAV: `ms` of 8 kHz 8-bit mono silence-ish noise. */
function wav(ms: number, name = 'beep.wav'): File {
  const samples = (8000 * ms) / 1000;
  const buf = new DataView(new ArrayBuffer(44 + samples));
  const str = (at: number, s: string) => [...s].forEach((c, i) => buf.setUint8(at + i, c.charCodeAt(0)));
  str(0, 'RIFF'); buf.setUint32(4, 36 + samples, true); str(8, 'WAVE'); str(12, 'fmt ');
  buf.setUint32(16, 16, true); buf.setUint16(20, 1, true); buf.setUint16(22, 1, true);
  buf.setUint32(24, 8000, true); buf.setUint32(28, 8000, true); buf.setUint16(32, 1, true); buf.setUint16(34, 8, true);
  str(36, 'data'); buf.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) buf.setUint8(44 + i, 128 + Math.round(40 * Math.sin(i / 3)));
  return new File([buf.buffer], name, { type: 'audio/wav' });
}

/** Bytes that start like an MP4 (an `ftyp` box), then arbitrary data. */
function mp4(size = 3000): File {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7) % 256;
  bytes.set([0, 0, 0, 0x18, ...'ftypisom'].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c)), 0);
  return new File([bytes], 'clip.mp4', { type: 'video/mp4' });
}

const pdfBytes = (extra = 0) => new TextEncoder().encode(`%PDF-1.4\n% a test document\n${'x'.repeat(extra)}\n%%EOF\n`);
const pdf = (name = 'report.pdf', type = 'application/pdf') => new File([pdfBytes()], name, { type });

async function bytesOf(blob: Blob): Promise<string> {
  return [...new Uint8Array(await blob.arrayBuffer())].join(',');
}

/** Where a received message says its file is (its media, or the URL body before incoming media parsing). */
const urlOf = (m: ChatMessage) => m.media?.url ?? m.body;

async function receivedIntact(receiver: Person, url: string, sent: Blob): Promise<void> {
  await waitFor(() => receiver.messages.find((m) => urlOf(m) === url), `the file message at ${receiver.jid}`);
  const download = await receiver.sdk.downloadMedia(url);
  expect(download.statusCode).to.equal(200);
  expect(await bytesOf(download.data!.blob) === await bytesOf(sent)).to.equal(true);
  expect(download.data!.objectUrl.startsWith('blob:')).to.equal(true);
}

describe('sending files', () => {
  it('each kind goes both ways between two of our accounts and arrives byte for byte', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const image = await png(40, 30);
    const sentImage = await alice.sdk.sendImageMessage({ toJid: bob.jid, fileMessageParams: { file: image, caption: 'a red box' } });
    expect(sentImage.statusCode, sentImage.message).to.equal(200);
    const imageMedia = sentImage.data!.media!;
    expect(imageMedia.url.startsWith(`http://localhost:${(await server()).httpPort}/`)).to.equal(true);
    expect([imageMedia.width, imageMedia.height, imageMedia.fileSize]).to.deep.equal([40, 30, image.size]);
    expect(imageMedia.thumbnail?.startsWith('data:image/jpeg;base64,')).to.equal(true);
    expect(sentImage.data!.msgType).to.equal('image');
    expect(sentImage.data!.body).to.equal('a red box');
    await receivedIntact(bob, imageMedia.url, image);

    const audio = wav(500);
    const sentAudio = await bob.sdk.sendAudioMessage({ toJid: alice.jid, fileMessageParams: { file: audio } });
    expect(sentAudio.statusCode, sentAudio.message).to.equal(200);
    expect(sentAudio.data!.media!.duration).to.equal(500);
    await receivedIntact(alice, sentAudio.data!.media!.url, audio);

    const video = mp4();
    const sentVideo = await alice.sdk.sendVideoMessage({ toJid: bob.jid, fileMessageParams: { file: video } });
    expect(sentVideo.statusCode, sentVideo.message).to.equal(200);
    await receivedIntact(bob, sentVideo.data!.media!.url, video);

    const doc = pdf();
    const sentDoc = await bob.sdk.sendDocumentMessage({ toJid: alice.jid, fileMessageParams: { file: doc } });
    expect(sentDoc.statusCode, sentDoc.message).to.equal(200);
    expect(sentDoc.data!.media!.mimeType).to.equal('application/pdf');
    await receivedIntact(alice, sentDoc.data!.media!.url, doc);

    // The other directions too, and the stored messages end with the real URL, not the local preview.
    const svg = new File(['<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="6"><rect width="8" height="6"/></svg>'],
      'shape.svg', { type: 'image/svg+xml' });
    const sentSvg = await bob.sdk.sendImageMessage({ toJid: alice.jid, fileMessageParams: { file: svg } });
    expect(sentSvg.statusCode, sentSvg.message).to.equal(200);
    await receivedIntact(alice, sentSvg.data!.media!.url, svg);
    const csv = new File(['a,b\n1,2\n'], 'table.csv', { type: 'text/csv' });
    const sentCsv = await alice.sdk.sendDocumentMessage({ toJid: bob.jid, fileMessageParams: { file: csv } });
    await receivedIntact(bob, sentCsv.data!.media!.url, csv);
    const aliceHistory = await wholeHistory(alice, bob.jid);
    expect(aliceHistory.filter((m) => m.outgoing && m.media?.url.startsWith('http://')).length).to.equal(3);
    await waitFor(async () => (await wholeHistory(alice, bob.jid)).every((m) => m.status !== 'pending'), 'all sent');
  });

  it('a foreign client reads the URL as body and OOB, the file metadata and the caption, with what text messages carry', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const first = await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'look' });
    const image = await png(64, 48, 'photo.png');
    const sent = await alice.sdk.sendImageMessage({
      toJid: bob.jid, fileMessageParams: { file: image, caption: 'my caption' }, replyMessageId: first.data!.msgId,
    });
    expect(sent.statusCode, sent.message).to.equal(200);
    const url = sent.data!.media!.url;
    const stanza = await bob.waitForMessage((m) => m.getAttribute('id') === sent.data!.msgId, 'the file message');
    expect(stanza.getElementsByTagName('body')[0].textContent).to.equal(url);
    const oob = stanza.getElementsByTagNameNS('jabber:x:oob', 'url')[0];
    expect(oob?.textContent).to.equal(url);
    const file = stanza.getElementsByTagNameNS(NS_FILE, 'file')[0];
    const field = (name: string) => file.getElementsByTagNameNS(NS_FILE, name)[0]?.textContent;
    expect([field('media-type'), field('name'), field('size'), field('width'), field('height'), field('desc')])
      .to.deep.equal(['image/png', 'photo.png', String(image.size), '64', '48', 'my caption']);
    const thumb = file.getElementsByTagNameNS('urn:xmpp:thumbs:1', 'thumbnail')[0];
    expect(thumb?.getAttribute('uri')?.startsWith('data:image/jpeg;base64,')).to.equal(true);
    expect(stanza.getElementsByTagNameNS('urn:xmpp:sid:0', 'origin-id')[0]?.getAttribute('id')).to.equal(sent.data!.msgId);
    expect(stanza.getElementsByTagNameNS('urn:xmpp:receipts', 'request').length).to.equal(1);
    expect(stanza.getElementsByTagNameNS('urn:xmpp:chat-markers:0', 'markable').length).to.equal(1);
    expect(stanza.getElementsByTagNameNS('urn:xmpp:reply:0', 'reply')[0]?.getAttribute('id')).to.equal(first.data!.msgId);
    // The bytes behind the URL are the file (what Conversations or Dino would download).
    expect(await bytesOf(await (await fetch(url)).blob()) === await bytesOf(image)).to.equal(true);
  });

  it('a file already online (fileUrl) is sent as it is: nothing uploaded', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const progress: UploadProgressEvent[] = [];
    alice.sdk.core!.events.on('upload', (e) => progress.push(e));
    const url = 'https://files.example.org/a/b/holiday.jpg';
    const sent = await alice.sdk.sendImageMessage({ toJid: bob.jid, fileMessageParams: { file: undefined, fileUrl: url, caption: 'hi' } });
    expect(sent.statusCode, sent.message).to.equal(200);
    const stanza = await bob.waitForMessage((m) => m.getAttribute('id') === sent.data!.msgId, 'the message');
    expect(stanza.getElementsByTagName('body')[0].textContent).to.equal(url);
    expect(stanza.getElementsByTagNameNS(NS_FILE, 'media-type')[0]?.textContent).to.equal('image/jpeg');
    expect(progress.length).to.equal(0);
    const bad = await alice.sdk.sendImageMessage({ toJid: bob.jid, fileMessageParams: { fileUrl: 'javascript:alert(1)' } });
    expect(bad.statusCode).to.equal(400);
  });

  it('upload progress reaches the listener, ending with every byte', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const progress: UploadProgressEvent[] = [];
    const { service, domain } = await server();
    await alice.sdk.initializeSDK({ service, domain, storagePrefix: alice.storagePrefix, listeners: { uploadProgressListener: (e) => progress.push(e) } });
    const file = new File([pdfBytes(600 * 1024)], 'big.pdf', { type: 'application/pdf' });
    const sent = await alice.sdk.sendDocumentMessage({ toJid: bob.jid, fileMessageParams: { file } });
    expect(sent.statusCode, sent.message).to.equal(200);
    const mine = progress.filter((p) => p.msgId === sent.data!.msgId && p.chatJid === bob.jid);
    expect(mine.length > 0).to.equal(true);
    expect(mine.every((p, i) => p.loaded <= p.total && (i === 0 || p.loaded >= mine[i - 1].loaded))).to.equal(true);
    const last = mine[mine.length - 1];
    expect([last.loaded, last.total]).to.deep.equal([file.size, file.size]);
  });

  it('a pending upload can be cancelled (nothing reaches the peer) and sent again', async () => {
    const alice = await person(null);
    const bob = await foreign();
    let cancelled: Promise<{ statusCode: number }> | undefined;
    alice.sdk.core!.events.on('status', (s) => {
      if (s.status === 'pending' && !cancelled) cancelled = alice.sdk.cancelUpload(s.msgId);
    });
    const sent = await alice.sdk.sendDocumentMessage({ toJid: bob.jid, fileMessageParams: { file: pdf() } });
    expect(sent.statusCode).to.equal(499);
    expect((await cancelled!).statusCode).to.equal(200);
    const [stored] = (await alice.sdk.getChatMessages({ toJid: bob.jid })).data!;
    expect(stored.status).to.equal('failed');
    expect(stored.error).to.match(/cancelled/);
    await alice.sdk.sendTextMessage({ toJid: bob.jid, messageText: 'after' });
    await bob.waitForMessage((m) => m.getElementsByTagName('body')[0]?.textContent === 'after', 'the text after');
    expect(bob.received.filter((m) => m.getAttribute('id') === stored.msgId).length).to.equal(0);

    const again = await alice.sdk.resendMessage({ toJid: bob.jid, messageId: stored.msgId });
    expect(again.statusCode, again.message).to.equal(200);
    expect(again.data!.media!.url.startsWith('http://')).to.equal(true);
    await bob.waitForMessage((m) => m.getAttribute('id') === stored.msgId, 'the file after the retry');
  });

  it('an upload the service refuses fails with its HTTP status (502), and a retry sends it once', async () => {
    const alice = await person(null);
    const bob = await foreign();
    type SetHeader = (this: XMLHttpRequest, name: string, value: string) => void;
    const original = Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, 'setRequestHeader')!.value as SetHeader;
    let spoiled = 0;
    XMLHttpRequest.prototype.setRequestHeader = function (name: string, value: string) {
      if (name.toLowerCase() === 'authorization' && spoiled++ === 0) return original.call(this, name, `${value}x`);
      return original.call(this, name, value);
    };
    let sent;
    try {
      sent = await alice.sdk.sendAudioMessage({ toJid: bob.jid, fileMessageParams: { file: wav(200) } });
    } finally {
      XMLHttpRequest.prototype.setRequestHeader = original;
    }
    expect(spoiled > 0).to.equal(true);
    expect(sent.statusCode).to.equal(502);
    expect(sent.message).to.match(/HTTP 4\d\d/);
    const [failed] = (await alice.sdk.getChatMessages({ toJid: bob.jid })).data!;
    expect(failed.status).to.equal('failed');
    expect(failed.error).to.match(/HTTP 4\d\d/);

    const again = await alice.sdk.resendMessage({ toJid: bob.jid, messageId: failed.msgId });
    expect(again.statusCode, again.message).to.equal(200);
    await bob.waitForMessage((m) => m.getAttribute('id') === failed.msgId, 'the retried file');
    await waitFor(() => alice.statuses.some((s) => s.msgId === failed.msgId && s.status === 'sent'), 'sent');
    await sleep(500);
    expect(bob.received.filter((m) => m.getAttribute('id') === failed.msgId).length).to.equal(1);
  });

  it('a file sent while the server is down survives a reload and is uploaded and sent exactly once', async function () {
    this.timeout(60000);
    const alice = await person(null);
    const bob = await foreign();
    const image = await png(20, 10, 'offline.png');
    await stopServer();
    try {
      await waitFor(() => alice.sdk.core!.connectionState === 'reconnecting', 'alice to notice');
      const offline = await alice.sdk.sendImageMessage({ toJid: bob.jid, fileMessageParams: { file: image } });
      expect(offline.statusCode, offline.message).to.equal(200);
      expect(offline.data!.status).to.equal('pending');
      expect(offline.data!.media!.url.startsWith('blob:')).to.equal(true);
      await alice.sdk.disconnect(); // the page reloads
    } finally {
      await startServer();
    }
    await bob.reconnect();
    const aliceAgain = await person({ username: alice.username, password: alice.password }, { storagePrefix: alice.storagePrefix });
    const arrived = await bob.waitForMessage((m) => m.getElementsByTagNameNS('jabber:x:oob', 'url').length > 0, 'the file', 20000);
    const url = arrived.getElementsByTagName('body')[0].textContent!;
    expect(await bytesOf(await (await fetch(url)).blob()) === await bytesOf(image)).to.equal(true);
    await waitFor(() => aliceAgain.statuses.some((s) => s.status === 'sent' || s.status === 'delivered'), 'sent');
    await sleep(1500); // room for a duplicate
    expect(bob.received.filter((m) => m.getElementsByTagName('body').length > 0).length).to.equal(1);
    const [mine] = await wholeHistory(aliceAgain, bob.jid);
    expect(mine.media!.url).to.equal(url);
    expect(mine.status === 'pending').to.equal(false);
  });

  it('refuses what a person can fix: wrong type, empty file, over the server limit, a kind switched off', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const send = (file: File) => alice.sdk.sendImageMessage({ toJid: bob.jid, fileMessageParams: { file } });
    const disguised = await send(new File([pdfBytes()], 'photo.png', { type: 'image/png' }));
    expect(disguised.statusCode).to.equal(400);
    expect(disguised.message).to.match(/content of "photo.png" is not a \.png file/);
    const mislabelled = await send(new File([await (await png(2, 2)).arrayBuffer()], 'photo.png', { type: 'application/pdf' }));
    expect(mislabelled.statusCode).to.equal(400);
    const document = await send(pdf());
    expect(document.statusCode).to.equal(400);
    expect(document.message).to.match(/accepted: png/);
    const empty = await send(new File([], 'nothing.png', { type: 'image/png' }));
    expect(empty.statusCode).to.equal(400);
    expect(empty.message).to.match(/empty/);
    const big = await alice.sdk.sendDocumentMessage({ toJid: bob.jid, fileMessageParams: { file: new File([pdfBytes(1536 * 1024)], 'huge.pdf') } });
    expect(big.statusCode).to.equal(413);
    expect(big.message).to.match(/limit of 1\.0 MiB \(1048576 bytes\)/);
    expect((await alice.sdk.getChatMessages({ toJid: bob.jid })).data!.length).to.equal(0);

    const carol = await person(null, { features: { videoAttachment: false, documentAttachment: false } });
    const video = await carol.sdk.sendVideoMessage({ toJid: bob.jid, fileMessageParams: { file: mp4() } });
    expect(video.statusCode).to.equal(403);
    expect(video.message).to.match(/videoAttachment/);
    expect((await carol.sdk.sendDocumentMessage({ toJid: bob.jid, fileMessageParams: { file: pdf() } })).statusCode).to.equal(403);
    expect((await carol.sdk.sendAudioMessage({ toJid: bob.jid, fileMessageParams: { file: wav(100) } })).statusCode).to.equal(200);
  });
});

describe('downloading media', () => {
  it('decrypts an aesgcm:// file (XEP-0454) and refuses a wrong key', async () => {
    const alice = await person(null);
    const bob = await foreign();
    const plain = new TextEncoder().encode('a secret document, encrypted before upload');
    const aesgcm = await uploadEncrypted(bob, plain, 'secret.bin');
    const [place, fragment] = aesgcm.split('#');
    const getUrl = `http://${place.slice('aesgcm://'.length)}`;
    const download = await alice.sdk.downloadMedia(aesgcm);
    expect(download.statusCode, download.message).to.equal(200);
    expect(await bytesOf(download.data!.blob) === plain.join(',')).to.equal(true);
    // The same file by its http URL and the key as fileKey.
    const withKey = await alice.sdk.downloadMedia(getUrl, fragment);
    expect(await bytesOf(withKey.data!.blob) === plain.join(',')).to.equal(true);
    const flipped = (parseInt(fragment.slice(0, 2), 16) ^ 1).toString(16).padStart(2, '0');
    const wrong = await alice.sdk.downloadMedia(`${place}#${flipped}${fragment.slice(2)}`);
    expect(wrong.statusCode).to.equal(502);
    expect((await alice.sdk.downloadMedia('javascript:alert(1)')).statusCode).to.equal(400);
  });

  it('encryptMedia: the file is encrypted before upload and sent as aesgcm://, which the peer decrypts', async () => {
    const alice = await person(null, { encryptMedia: true });
    const bob = await person(null);
    const image = await png(12, 8, 'secret.png');
    const sent = await alice.sdk.sendImageMessage({ toJid: bob.jid, fileMessageParams: { file: image } });
    expect(sent.statusCode, sent.message).to.equal(200);
    const url = sent.data!.media!.url;
    expect(/^aesgcm:\/\/localhost:\d+\/.+#[0-9a-f]{88}$/.test(url)).to.equal(true);
    // The upload service holds only ciphertext (the GCM tag makes it 16 bytes longer).
    const stored = await (await fetch(`http://${url.slice('aesgcm://'.length).split('#')[0]}`)).blob();
    expect(stored.size).to.equal(image.size + 16);
    expect(await bytesOf(stored) === await bytesOf(image)).to.equal(false);
    await receivedIntact(bob, url, image);
  });
});
