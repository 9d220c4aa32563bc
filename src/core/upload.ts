/** The HTTP half of XEP-0363: the PUT of a file to its slot, through XMLHttpRequest because it reports
 * upload progress (fetch does not), and can be aborted. */
import { badGateway, SdkError } from '../model/errors.js';
import type { UploadSlot } from '../protocol/upload.js';

/** The PUT never reached the service, or its answer never came back (network gone): worth trying
 * again later, unlike a refusal. */
export class NetworkError extends Error {}

/** `cancelUpload` stopped it. */
export class CancelledError extends SdkError {
  constructor() {
    super(499, 'The upload was cancelled (cancelUpload); resendMessage sends it again');
  }
}

export interface PutHandle {
  done: Promise<void>;
  abort(): void;
}

/** PUTs `blob` to the slot with the slot's headers; `progress` hears bytes sent of the total (at least
 * once, with loaded = total, when it is done). Rejects with 502 naming the HTTP status when the service
 * refuses it, NetworkError when the network failed, CancelledError after `abort()`. */
export function putFile(slot: UploadSlot, blob: Blob, contentType: string, progress: (loaded: number, total: number) => void): PutHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    xhr.open('PUT', slot.put);
    for (const [name, value] of Object.entries(slot.headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress(e.loaded, e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        progress(blob.size, blob.size);
        resolve();
      } else {
        reject(badGateway(`The upload service refused the file (HTTP ${xhr.status}${xhr.statusText ? ` ${xhr.statusText}` : ''})`));
      }
    };
    xhr.onerror = () => reject(new NetworkError('The upload was interrupted: the network is gone or the upload service cannot be reached'));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new CancelledError());
    xhr.send(blob);
  });
  return { done, abort: () => xhr.abort() };
}
