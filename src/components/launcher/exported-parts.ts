/** The parts of the thread and the list inside <chat-launcher> that it passes up (`exportparts`)
 * under the same names, so that a host page styles them through the launcher
 * (`chat-launcher::part(bubble-out)`). test/components/launcher-parts.test.ts fails when a template
 * sets a part that is missing here, or names one no template sets. */

export const THREAD_PARTS = [
  'header', 'avatar', 'back', 'close', 'gallery-button', 'jump',
  'messages', 'day', 'bubble', 'bubble-in', 'bubble-out', 'caption', 'edited', 'error',
  'media', 'image', 'image-thumbnail', 'image-full', 'audio', 'video', 'document', 'document-icon', 'download', 'media-open',
  'progress', 'cancel-upload', 'retry', 'decrypt',
  'lightbox', 'lightbox-image', 'lightbox-close', 'lightbox-prev', 'lightbox-next', 'lightbox-caption', 'lightbox-name', 'lightbox-download',
  'gallery', 'gallery-grid', 'gallery-item', 'gallery-badge', 'gallery-play', 'gallery-more', 'gallery-close',
  'reply-preview', 'reply-thumb', 'forwarded', 'star', 'deleted', 'reactions', 'reaction',
  'forward', 'forward-filter', 'forward-target', 'forward-cancel', 'forward-send',
  'composer', 'input', 'send', 'attach', 'attach-preview', 'preview-thumb', 'attach-remove', 'drop-hint',
  'record', 'recording', 'record-time', 'record-send', 'record-cancel', 'record-hold', 'record-hint',
  'menu-button', 'menu', 'menu-item', 'menu-emoji', 'emoji-input', 'confirm', 'confirm-delete', 'confirm-cancel',
  'compose-bar', 'compose-cancel',
  'select-mark', 'selection-bar', 'selection-count', 'selection-forward', 'selection-cancel',
] as const;

export const LIST_PARTS = ['tools', 'filter', 'new-chat', 'list', 'row', 'avatar', 'unread', 'muted', 'error', 'back',
  'archived-entry', 'archived-header', 'menu-button', 'menu', 'menu-item', 'confirm', 'confirm-delete', 'confirm-cancel', 'notify-bell'] as const;

/** An `exportparts` value passing `parts` up unrenamed. */
export const exportParts = (parts: readonly string[]): string => parts.join(', ');
