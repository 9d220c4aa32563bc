/** A file attached in the composer of a <chat-thread> (issue 8) reaches the peer as an image, through
 * the real Prosody's upload service, with the caption typed in the composer, and the bytes intact. */
import { expect } from '@open-wc/testing';
import '../../src/components/thread/define.js';
import { peoplePerTest, threadsPerTest, waitFor } from './helpers.js';

const person = peoplePerTest();
const openThread = threadsPerTest();

async function png(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 20;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#0a7';
  ctx.fillRect(0, 0, 40, 20);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], 'green.png', { type: 'image/png' });
}

const bytes = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())].join(',');

describe('attaching a file in the composer', () => {
  it('a PNG dropped on the thread and sent with a caption reaches the peer as an image', async () => {
    const alice = await person(null);
    const bob = await person(null);
    const { thread, root } = await openThread(alice.sdk, bob.jid);
    const file = await png();
    const data = new DataTransfer();
    data.items.add(file);
    root.querySelector('lit-virtualizer')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => root.querySelector('[part="attach-preview"]'), 'the preview');
    const input = root.querySelector('textarea')!;
    input.value = 'Green';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await thread.updateComplete;
    root.querySelector<HTMLButtonElement>('[part="send"]')!.click();

    const got = await waitFor(() => bob.messages.find((m) => m.msgType === 'image'), 'the image at bob');
    expect(got.body).to.equal('Green');
    expect(got.media!.fileName).to.equal('green.png');
    expect(got.media!.mimeType).to.equal('image/png');
    expect(got.media!.url.startsWith('http')).to.equal(true);
    const download = await bob.sdk.downloadMedia(got.media!.url);
    expect(download.statusCode).to.equal(200);
    expect(await bytes(download.data!.blob) === await bytes(file)).to.equal(true);
    // Alice's own bubble ends up with the uploaded file: no ring left.
    await waitFor(() => !root.querySelector('lit-virtualizer [part="progress"]') && root.querySelector('lit-virtualizer .row.out img'), 'alice\'s image bubble');
  });
});
