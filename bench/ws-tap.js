// A tap on the page's websockets, for scripts/bench.mjs (live and scroll measurements). Installed with
// playwright's context.addInitScript, so it runs before any script of the page, and so before the
// widget's bundle (strophe.js looks up the global `WebSocket` when it connects). It only watches: every
// frame still goes through unchanged. It knows nothing of the widget, only of the XMPP on the wire.
//
// window.__benchWs:
//   onIncoming(text, epochMs) / onOutgoing(text, epochMs)  hooks the harness sets (null when unused);
//                  epochMs is performance.timeOrigin + performance.now() when the frame was seen
//   frames         counts of frames in and out
//   mam            the archive (XEP-0313) queries this page sent: one entry per query with its iq id,
//                  `with`, `max`, when it went out, when its answer (the iq result carrying <fin>)
//                  came back, and how many results the server sent for it
(() => {
  'use strict';
  const Native = window.WebSocket;
  if (!Native || Native.benchTapped) return;
  const epoch = () => performance.timeOrigin + performance.now();
  // Prosody serializes with single quotes, strophe.js with double quotes: accept both.
  const attrOf = (text, name) => text.match(new RegExp(`\\s${name}=["']([^"']*)["']`))?.[1];
  const MAM_QUERY = /<query\b[^>]*urn:xmpp:mam:2/;
  const MAM_RESULT = /<result\b[^>]*urn:xmpp:mam:2[^>]*>/g;

  const tap = {
    onIncoming: null,
    onOutgoing: null,
    sockets: 0,
    frames: { in: 0, out: 0 },
    mam: [],
  };
  const byIqId = new Map();
  const byQueryId = new Map();

  function outgoing(text, t) {
    tap.frames.out += 1;
    if (text.includes('urn:xmpp:mam:2') && MAM_QUERY.test(text)) {
      const query = {
        id: attrOf(text, 'id'),
        queryId: text.match(/<query\b[^>]*\squeryid=["']([^"']*)["']/)?.[1],
        with: text.match(/var=["']with["'][^>]*>\s*<value>([^<]*)</)?.[1],
        max: Number(text.match(/<max>(\d+)<\/max>/)?.[1] ?? NaN),
        epochSent: t,
        epochFin: undefined,
        results: 0,
      };
      tap.mam.push(query);
      if (query.id) byIqId.set(query.id, query);
      if (query.queryId) byQueryId.set(query.queryId, query);
    }
    tap.onOutgoing?.(text, t);
  }

  function incoming(text, t) {
    tap.frames.in += 1;
    if (text.includes('urn:xmpp:mam:2')) {
      for (const m of text.matchAll(MAM_RESULT)) {
        const query = byQueryId.get(attrOf(m[0], 'queryid'));
        if (query) query.results += 1;
      }
      if (text.includes('<fin')) {
        const query = byIqId.get(attrOf(text, 'id'));
        if (query && query.epochFin === undefined) query.epochFin = t;
      }
    }
    tap.onIncoming?.(text, t);
  }

  class TappedWebSocket extends Native {
    static benchTapped = true;
    constructor(...args) {
      super(...args);
      tap.sockets += 1;
      // Added before strophe.js sets `onmessage`, so this listener sees each frame first.
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string') incoming(event.data, epoch());
      });
    }
    send(data) {
      if (typeof data === 'string') outgoing(data, epoch());
      return super.send(data);
    }
  }
  window.WebSocket = TappedWebSocket;
  window.__benchWs = tap;
})();
