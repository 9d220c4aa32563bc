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
  REFERENCE: 'urn:xmpp:reference:0',
  STANZAS: 'urn:ietf:params:xml:ns:xmpp-stanzas',
} as const;
