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
