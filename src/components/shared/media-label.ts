/** How a file message is named where there is no room to show it: the recent-chat preview ("Photo",
 * "Voice message", "Document: name.pdf"), and labels of media bubbles. */
import { msg, str } from '@lit/localize';
import type { MsgType } from '../../model/types.js';

/** Audio a recorder made (MediaRecorder's webm/ogg, Conversations' and Dino's opus notes) reads as a
 * voice message; other audio (a song.mp3) as audio. */
export function isVoiceNote(fileName: string | undefined): boolean {
  return !fileName || /^(voice|recording|audio_?message)/i.test(fileName) || /\.(webm|weba|oga|ogg|opus)$/i.test(fileName);
}

/** "Photo", "Video", "Voice message", "Audio", "Document: name.pdf"; '' for text. */
export function mediaLabel(msgType: MsgType, fileName?: string): string {
  switch (msgType) {
    case 'image': return msg('Photo', { desc: 'A message that is an image, in the list of chats' });
    case 'video': return msg('Video', { desc: 'A message that is a video, in the list of chats' });
    case 'audio': return isVoiceNote(fileName) ? msg('Voice message') : msg('Audio', { desc: 'A message that is a sound file' });
    case 'file': return fileName ? msg(str`Document: ${fileName}`) : msg('Document');
    default: return '';
  }
}

/** A message as one line: its text, or for a file its kind ("Photo", "Document: a.pdf") and its caption;
 * "This message was deleted" for a retracted one (a notification's body; the list's preview reads the same). */
export function previewLine(m: { msgType: MsgType; body: string; fileName?: string; retracted?: boolean }): string {
  if (m.retracted) return msg('This message was deleted');
  const label = mediaLabel(m.msgType, m.fileName);
  if (!label) return m.body;
  return m.body.trim() ? `${label} · ${m.body}` : label;
}

/** A file size for people: "512 B", "12 KB", "3.4 MB" (1 KB = 1,024 bytes). */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** A duration in ms as m:ss (or h:mm:ss). */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
