/** The parameters of the reference API's calls ("single chat" reference), shared by the SDK, the core
 * and the elements. */

export interface HistoryQuery {
  toJid: string;
  /** `up` (default): older than `lastRowId`; `down`: newer (needs `lastRowId`). */
  position?: 'up' | 'down';
  lastRowId?: string | number;
  /** 1 to 500, default 20. */
  limit?: number;
}

export interface TextMessageParams {
  toJid: string;
  messageText: string;
  /** The id of the message this one answers (XEP-0461). */
  replyMessageId?: string;
  /** User ids or bare JIDs mentioned in the text (XEP-0372). */
  mentionedUsersIds?: string[];
}

export interface MediaQuery {
  toUserJid: string;
  /** The `msgId` of the oldest media message of the previous page; absent for the first page. */
  lastMessageId?: string;
}

/** The file of a media message (the reference's `fileMessageParams`). What is not given is detected
 * from `file`; with `fileUrl` (a file already online) nothing is uploaded or detected. */
export interface FileMessageParams {
  file?: File | Blob;
  /** An http(s) URL of a file already uploaded: sent as is. */
  fileUrl?: string;
  /** A small preview image, as a data: URI (or http(s) URL). */
  thumbImage?: string;
  /** Bytes (the reference passes a string; a number is accepted too). */
  fileSize?: string | number;
  fileName?: string;
  /** Milliseconds, for audio and video (the reference passes a string; a number is accepted too). */
  duration?: string | number;
  caption?: string;
}

export interface MediaMessageParams {
  toJid: string;
  fileMessageParams: FileMessageParams;
  replyMessageId?: string;
  mentionedUsersIds?: string[];
}

/** `deleteMessagesForMe` / `deleteMessagesForEveryone`: messages of the chat with `toJid`, by `msgId`. */
export interface DeleteParams {
  toJid: string;
  messageIds: string[];
}
