/** What the browser can tell about a file before it is sent: an image's width and height, a medium's
 * duration, and a small JPEG thumbnail (longest side at most 128 px) of an image or a video's first
 * frame. Anything it cannot read (an unsupported codec, a broken file) is just left out. */
import type { MediaKind } from '../model/file-type.js';

export interface Detected {
  width?: number;
  height?: number;
  /** Milliseconds. */
  duration?: number;
  /** `data:image/jpeg;base64,…` */
  thumbnail?: string;
}

const THUMB_SIDE = 128;
const WAIT_MS = 4000;

export async function detectMedia(kind: MediaKind, blob: Blob): Promise<Detected> {
  if (typeof document === 'undefined') return {};
  const url = URL.createObjectURL(blob);
  try {
    if (kind === 'image') return await detectImage(url);
    if (kind === 'audio' || kind === 'video') return await detectPlayable(kind, url);
    return {};
  } catch {
    return {};
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function detectImage(url: string): Promise<Detected> {
  const img = new Image();
  img.src = url;
  await withTimeout(img.decode());
  const width = img.naturalWidth || undefined;
  const height = img.naturalHeight || undefined;
  return { width, height, thumbnail: width && height ? thumbnailOf(img, width, height) : undefined };
}

async function detectPlayable(kind: 'audio' | 'video', url: string): Promise<Detected> {
  const el = document.createElement(kind);
  el.preload = 'metadata';
  el.muted = true;
  const loaded = once(el, 'loadedmetadata');
  el.src = url;
  await withTimeout(loaded);
  const out: Detected = {};
  if (Number.isFinite(el.duration) && el.duration > 0) out.duration = Math.round(el.duration * 1000);
  if (el instanceof HTMLVideoElement && el.videoWidth) {
    out.width = el.videoWidth;
    out.height = el.videoHeight;
    try {
      const seeked = once(el, 'seeked');
      el.currentTime = Math.min(0.1, (el.duration || 0) / 2);
      await withTimeout(seeked);
      out.thumbnail = thumbnailOf(el, el.videoWidth, el.videoHeight);
    } catch {
      // No frame to show: sent without a thumbnail.
    }
  }
  el.removeAttribute('src');
  el.load();
  return out;
}

function thumbnailOf(source: CanvasImageSource, width: number, height: number): string | undefined {
  const scale = Math.min(1, THUMB_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.fillStyle = '#fff'; // transparent parts of a PNG/GIF/SVG on white, as JPEG has no alpha
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  try {
    ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.7);
  } catch {
    return undefined;
  }
}

function once(el: HTMLElement, type: string): Promise<void> {
  return new Promise((resolve, reject) => {
    el.addEventListener(type, () => resolve(), { once: true });
    el.addEventListener('error', () => reject(new Error('unreadable media')), { once: true });
  });
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), WAIT_MS))]);
}
