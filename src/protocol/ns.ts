/** XML namespaces of the XEPs the core speaks. */
export const NS = {
  CLIENT: 'jabber:client',
  REGISTER: 'jabber:iq:register',
  FORWARD: 'urn:xmpp:forward:0',
  DELAY: 'urn:xmpp:delay',
  SID: 'urn:xmpp:sid:0',
  MAM: 'urn:xmpp:mam:2',
  RSM: 'http://jabber.org/protocol/rsm',
  DATA_FORM: 'jabber:x:data',
  CARBONS: 'urn:xmpp:carbons:2',
  HINTS: 'urn:xmpp:hints',
  RECEIPTS: 'urn:xmpp:receipts',
  MARKERS: 'urn:xmpp:chat-markers:0',
  CHAT_STATES: 'http://jabber.org/protocol/chatstates',
  REPLY: 'urn:xmpp:reply:0',
  /** XEP-0428 fallback indication. */
  FALLBACK: 'urn:xmpp:fallback:0',
  /** This widget's mark of a forwarded copy (not an XSF namespace; see protocol/fallback.ts). */
  FORWARDED: 'urn:chat-widget:forwarded:0',
  CORRECT: 'urn:xmpp:message-correct:0',
  REFERENCE: 'urn:xmpp:reference:0',
  STANZAS: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  DISCO_INFO: 'http://jabber.org/protocol/disco#info',
  CAPS: 'http://jabber.org/protocol/caps',
  PUBSUB: 'http://jabber.org/protocol/pubsub',
  PUBSUB_EVENT: 'http://jabber.org/protocol/pubsub#event',
  MDS: 'urn:xmpp:mds:displayed:0',
  /** Our own private node of starred messages (no XEP covers message favourites; see favourites.ts). */
  FAVOURITES: 'urn:xmpp:chat-widget:favourites:0',
  /** Our own private node of this account's settings per chat (muted, archived, cleared, deleted; see
   * chat-settings.ts): no XEP covers them. */
  CHAT_SETTINGS: 'urn:xmpp:chat-widget:chats:0',
  OOB: 'jabber:x:oob',
  FILE_METADATA: 'urn:xmpp:file:metadata:0',
  THUMBS: 'urn:xmpp:thumbs:1',
  SFS: 'urn:xmpp:sfs:0',
  URL_DATA: 'http://jabber.org/protocol/url-data',
  HTTP_UPLOAD: 'urn:xmpp:http:upload:0',
} as const;
