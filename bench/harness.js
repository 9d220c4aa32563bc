// Measuring helpers for scripts/bench.mjs, loaded by bench/thread.html after /dist/chat-widget.js.
// Everything here only measures: it never asserts on a time. Times are milliseconds; `*At` values
// are relative to the start of the measurement unless they are named `epoch*` (wall clock, comparable
// between pages and browsers on one machine: performance.timeOrigin + performance.now()).
(() => {
  'use strict';
  const CW = window.ChatWidget;
  const epoch = () => performance.timeOrigin + performance.now();
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Resolves right after the next frame has been produced (rAF, then a task queued behind the paint). */
  const afterPaint = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });

  // The harness is evaluated right after the bundle: how long the bundle took to parse and run.
  const harnessStart = performance.now();
  const bundleEntry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/dist/chat-widget.js'));

  /** Long tasks and long animation frames (with script attribution) from now until stop(). */
  function watchLongWork() {
    const longtasks = [];
    const frames = [];
    const observers = [];
    const observe = (type, onEntry) => {
      try {
        const po = new PerformanceObserver((list) => list.getEntries().forEach(onEntry));
        po.observe({ type, buffered: false });
        observers.push({ po, onEntry });
      } catch {
        /* entry type not supported by this browser */
      }
    };
    observe('longtask', (e) => longtasks.push({ start: e.startTime, duration: e.duration }));
    observe('long-animation-frame', (e) => frames.push({
      start: e.startTime,
      duration: e.duration,
      blocking: e.blockingDuration,
      renderStart: e.renderStart,
      styleAndLayoutStart: e.styleAndLayoutStart,
      scripts: (e.scripts ?? []).map((s) => ({
        invoker: s.invoker,
        invokerType: s.invokerType,
        fn: s.sourceFunctionName,
        url: s.sourceURL,
        char: s.sourceCharPosition,
        duration: s.duration,
        forcedStyleAndLayout: s.forcedStyleAndLayoutDuration,
      })),
    }));
    return {
      longtasks,
      frames,
      stop() {
        for (const { po, onEntry } of observers) {
          // Entries are delivered in a later task: take what is still queued before disconnecting.
          po.takeRecords().forEach(onEntry);
          po.disconnect();
        }
      },
    };
  }

  /** The rendered message rows of a <chat-thread> (only what the virtualizer has in the DOM). */
  function rowsOf(thread) {
    const scroller = thread.shadowRoot?.querySelector('lit-virtualizer');
    return { scroller, rows: scroller ? [...scroller.querySelectorAll('.row')] : [] };
  }

  function rowWith(rows, needle) {
    return rows.find((r) => r.querySelector('.bubble')?.textContent.includes(needle));
  }

  function inView(row, scroller) {
    if (!row || !scroller) return false;
    const a = row.getBoundingClientRect();
    const b = scroller.getBoundingClientRect();
    return a.height > 0 && a.bottom > b.top && a.top < b.bottom;
  }

  // ---- the widget's internals: the ONE place the live and scroll measurements reach past the public
  // surface (window.ChatWidget.createSDK() and its methods, the elements' attributes and DOM, and the
  // wire through bench/ws-tap.js). src/ is being refactored: adapt these accessors when it lands.
  const internals = {
    /** Is the client behind a <chat-thread> connected and caught up with the archive?
     * Reads ChatElement.binding (what the element gets through context) → connectionState. */
    threadConnected: (thread) => thread.binding?.connectionState === 'connected',
    /** Calls fn(body, epochMs) each time the thread's client announces a new message (its store has it).
     * Reads ChatElement.binding → on('message'). Returns an unsubscribe function, or undefined when
     * that is not there (the figures that need it are then left out). */
    onThreadMessage(thread, fn) {
      const binding = thread.binding;
      if (typeof binding?.on !== 'function') return undefined;
      return binding.on('message', (m) => fn(m.body ?? '', epoch()));
    },
    /** The core client behind a thread configured by attributes: the page's default SDK signs in for it.
     * Used to feed stanzas in as if they had arrived (ChatClient.onMessageStanza, a bench/test hook). */
    clientOf(thread) {
      const client = CW.SDK.binding && CW.SDK.binding === thread.binding ? CW.SDK.core : null;
      if (!client) throw new Error('the thread does not show the page SDK (see `internals` in bench/harness.js)');
      return client;
    },
    /** The strophe.js connection of an SDK instance, to write raw stanzas and send IQs on.
     * Touches ChatSDK.core → ChatClient.conn (private). */
    rawConnection(sdk) {
      const conn = sdk?.core?.conn;
      if (!conn?.send) throw new Error('no strophe connection at sdk.core.conn (see `internals` in bench/harness.js)');
      return conn;
    },
  };

  /** The websocket tap of bench/ws-tap.js (installed by bench.mjs with addInitScript). */
  function wsTap() {
    if (!window.__benchWs) throw new Error('no websocket tap on this page: bench.mjs installs bench/ws-tap.js with addInitScript');
    return window.__benchWs;
  }

  const messageText = (i) => `[${i}] ${i % 7 === 0 ? 'A somewhat longer message so that bubbles have different heights, as in a real conversation with real people in it.' : 'Short one.'}`;

  const bench = {
    version: 1,
    bundle: {
      // From the end of the download to the first line of this file: parsing and running the bundle.
      evalMs: bundleEntry ? harnessStart - bundleEntry.responseEnd : undefined,
      transferSize: bundleEntry?.transferSize,
    },

    /** Creates an account in-band (XEP-0077) through the SDK. */
    async register({ service, domain, username, password }) {
      const sdk = CW.createSDK();
      const init = await sdk.initializeSDK({ service, domain, storagePrefix: 'bench-register' });
      if (init.statusCode !== 200) throw new Error(`initializeSDK: ${init.message}`);
      const res = await sdk.register(username, password);
      if (res.statusCode !== 200) throw new Error(`register ${username}: ${res.message}`);
      return res.data;
    },

    /** Fills an account's IndexedDB cache with `count` messages with `peer` (older first), then flushes. */
    async seed({ service, domain, prefix, username, peer, count }) {
      const started = performance.now();
      const client = new CW.ChatClient({ service, domain, storagePrefix: prefix });
      const store = await client.openCache(username);
      const account = store.account;
      const minute = 60_000;
      const first = Date.now() - (count + 5) * minute; // one message a minute: about a week of history
      const events = [];
      for (let i = 0; i < count; i++) {
        const outgoing = i % 3 === 0;
        events.push({
          kind: 'message',
          fresh: false,
          message: {
            msgId: `seed-${i}`,
            stanzaId: `seed-archive-${i}`,
            chatJid: peer,
            fromJid: outgoing ? account : peer,
            toJid: outgoing ? peer : account,
            outgoing,
            msgType: 'text',
            body: messageText(i),
            timestamp: first + i * minute,
            status: outgoing ? 'seen' : 'received',
          },
        });
      }
      const result = await store.dispatch(events);
      await store.flush();
      const log = await store.log(peer);
      return {
        account,
        added: result.added.length,
        firstRow: log.meta.firstRow,
        lastRow: log.meta.lastRow,
        lastBody: result.added.at(-1)?.body,
        ms: performance.now() - started,
      };
    },

    /**
     * Puts a <chat-thread> for `peer` on the page and measures, from appending it:
     * the first DOM mutation that holds message rows, the first frame painted with rows, and the first
     * frame in which the row of the latest message (`lastNeedle`) is in the visible part of the scroller.
     */
    async openThread({ service, domain, prefix, username, password, peer, lastNeedle, timeoutMs = 15000, waitConnected = 0 }) {
      for (let i = 0; i < 3; i++) await frame();
      const host = document.getElementById('host');
      host.textContent = '';
      const thread = document.createElement('chat-thread');
      const attrs = { service, domain, username, password, 'storage-prefix': prefix, peer };
      for (const [name, value] of Object.entries(attrs)) if (value !== undefined) thread.setAttribute(name, value);
      const work = watchLongWork();
      const out = { rowsInDom: 0, rowsAtFirstPaint: 0, firstPaintShowsLatest: false };
      let connectedAt;
      const t0 = performance.now();
      host.appendChild(thread);
      // The element picks its client in a microtask queued by connectedCallback; this one runs after it.
      queueMicrotask(() => {
        thread.binding?.on('connection', (e) => {
          if (e.state === 'connected' && connectedAt === undefined) connectedAt = performance.now() - t0;
        });
      });
      const mo = new MutationObserver(() => {
        if (out.domAt === undefined && rowsOf(thread).rows.length > 0) {
          out.domAt = performance.now() - t0;
          mo.disconnect();
        }
      });
      mo.observe(thread.shadowRoot ?? thread, { childList: true, subtree: true });

      await new Promise((resolve) => {
        const deadline = t0 + timeoutMs;
        const tick = () => {
          const now = performance.now();
          const { scroller, rows } = rowsOf(thread);
          // The thread keeps its list invisible until the first layout settles: count frames the reader sees.
          if (rows.length > 0 && getComputedStyle(scroller).visibility !== 'hidden') {
            const latestVisible = inView(rowWith(rows, lastNeedle), scroller);
            if (out.firstPaintAt === undefined) {
              out.firstFrameAt = now - t0; // rAF of the frame that paints the rows
              out.rowsAtFirstPaint = rows.length;
              out.firstPaintShowsLatest = latestVisible;
              const shown = rows.filter((r) => inView(r, scroller));
              out.firstPaintVisible = shown.length ? `${shown[0].dataset.key}..${shown.at(-1).dataset.key}` : 'none';
              out.firstPaintScroll = { top: scroller.scrollTop, height: scroller.scrollHeight, client: scroller.clientHeight };
              // The frame is painted once a task queued from its rAF runs.
              const ch = new MessageChannel();
              ch.port1.onmessage = () => { out.firstPaintAt = performance.now() - t0; };
              ch.port2.postMessage(null);
              out.firstPaintAt = -1; // pending
            }
            if (latestVisible) {
              out.latestFrameAt = now - t0;
              out.rowsInDom = rows.length;
              out.lastRowText = rows.at(-1)?.querySelector('.bubble')?.firstChild?.textContent ?? rows.at(-1)?.textContent;
              resolve();
              return;
            }
          }
          if (now > deadline) {
            out.timedOut = true;
            out.rowsInDom = rows.length;
            resolve();
            return;
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const paintedAt = await afterPaint();
      out.latestPaintAt = paintedAt - t0;
      if (out.firstPaintAt === -1) out.firstPaintAt = out.latestPaintAt;
      // Settle: rows and the item count a moment later (the virtualizer measures and re-lays out).
      await sleep(300);
      const settled = rowsOf(thread);
      out.rowsSettled = settled.rows.length;
      out.latestVisibleSettled = inView(rowWith(settled.rows, lastNeedle), settled.scroller);
      out.lastVisibleText = settled.rows.filter((r) => inView(r, settled.scroller)).at(-1)?.querySelector('.bubble')?.textContent;
      if (waitConnected) {
        const until = performance.now() + waitConnected;
        while (connectedAt === undefined && performance.now() < until) await sleep(20);
      }
      work.stop();
      out.connectedAt = connectedAt;
      out.connection = thread.binding?.connectionState;
      const windowEnd = performance.now();
      out.longtasks = work.longtasks.filter((t) => t.start >= t0 && t.start < windowEnd).map((t) => ({ start: t.start - t0, duration: t.duration }));
      out.longFrames = work.frames.map((f) => ({ ...f, start: f.start - t0 }));
      return out;
    },

    // ---- the burst: alice (receiver) side ---------------------------------------------------------

    /** Opens alice's thread with `peer` and waits until her client is connected and the thread rendered. */
    async openLive({ service, domain, prefix, username, password, peer, timeoutMs = 15000 }) {
      const host = document.getElementById('host');
      host.textContent = '';
      const thread = document.createElement('chat-thread');
      const attrs = { service, domain, username, password, 'storage-prefix': prefix, peer };
      for (const [name, value] of Object.entries(attrs)) thread.setAttribute(name, value);
      host.appendChild(thread);
      const until = performance.now() + timeoutMs;
      while (!internals.threadConnected(thread) || !thread.shadowRoot?.querySelector('lit-virtualizer')) {
        if (performance.now() > until) throw new Error(`alice did not connect: ${thread.binding?.connectionState}`);
        await sleep(20);
      }
      for (let i = 0; i < 5; i++) await frame();
      bench.thread = thread;
      return { state: thread.binding.connectionState, account: thread.binding.account };
    },

    /** Starts watching alice's thread for a burst of `count` messages whose bodies start with `tag`. */
    watchBurst({ peer, count, tag, timeoutMs = 60000 }) {
      const thread = bench.thread;
      const binding = thread.binding;
      const lastNeedle = `${tag}:${count - 1}:`;
      const state = {
        work: watchLongWork(),
        received: 0,
        t0: performance.now(),
        maxFrameGap: 0,
        frames: 0,
      };
      let done;
      state.done = new Promise((resolve) => { done = resolve; });
      const finishIfComplete = () => {
        if (state.epochStore !== undefined && state.epochFrame !== undefined && !state.finished) {
          state.finished = true;
          // A short tail: long tasks caused by the last batch (cache writes, late layout) count too.
          setTimeout(done, 500);
        }
      };
      // If the thread stopped following the latest message, the last one never enters the DOM:
      // stop 1.5 s after the store has everything (when it follows, the DOM is a frame or two behind).
      const giveUpOnDom = () => {
        setTimeout(() => {
          if (state.finished) return;
          state.finished = true;
          state.domNeverShown = true;
          done();
        }, 1500);
      };
      const off = binding.on('message', (m) => {
        if (m.chatJid !== peer || !m.body.startsWith(`${tag}:`)) return;
        state.received += 1;
        if (state.received === 1) state.epochFirstInStore = epoch();
        if (state.received % 100 === 0) (state.milestones ??= []).push(epoch());
        if (state.received === count) {
          state.epochStore = epoch();
          finishIfComplete();
          giveUpOnDom();
        }
      });
      // Cheap checks, so the watching adds little to the main thread: the virtualizer keys rows by row id
      // (data-key="m-<rowId>"), and the burst's last message will be row `lastRow` of this new chat.
      const scroller = thread.shadowRoot.querySelector('lit-virtualizer');
      const lastRow = (thread.messages?.at?.(-1)?.rowId ?? -1) + count;
      const findLast = () => {
        const row = scroller.querySelector(`.row[data-key="m-${lastRow}"]`);
        if (row?.querySelector('.bubble')?.textContent.includes(lastNeedle)) return row;
        // Not where expected (another message took a row): look at the rows' text instead.
        return row ? rowWith([...scroller.querySelectorAll('.row')], lastNeedle) : undefined;
      };
      const mo = new MutationObserver((records) => {
        if (state.epochDom !== undefined) return;
        if (!records.some((r) => r.addedNodes.length > 0 || r.type === 'characterData')) return;
        if (findLast()) {
          state.epochDom = epoch();
          mo.disconnect();
        }
      });
      mo.observe(scroller, { childList: true, subtree: true, characterData: true });
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        state.frames += 1;
        state.maxFrameGap = Math.max(state.maxFrameGap, now - last);
        last = now;
        if (state.epochThread === undefined && thread.messages?.at?.(-1)?.body?.startsWith(lastNeedle)) {
          state.epochThread = epoch(); // the thread's own list has it (rendered if in view)
        }
        if (state.epochFrame === undefined) {
          const row = findLast();
          if (row) {
            state.epochFrame = epoch();
            state.latestInView = inView(row, scroller);
            finishIfComplete();
          }
        }
        if (!state.finished) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      state.timer = setTimeout(() => {
        state.timedOut = true;
        state.finished = true;
        done();
      }, timeoutMs);
      state.cleanup = () => {
        clearTimeout(state.timer);
        off();
        mo.disconnect();
        state.work.stop();
      };
      bench.burstState = state;
      return true;
    },

    /** Waits for the burst to be complete in alice's store and thread; returns the figures. */
    async burstResult({ peer, count, tag }) {
      const state = bench.burstState;
      await state.done;
      state.cleanup();
      const thread = bench.thread;
      const binding = thread.binding;
      // Check the store through the API getChatMessages uses: all messages, in order.
      const bodies = [];
      let lastRowId;
      for (;;) {
        const page = await binding.messages({ toJid: peer, limit: 500, ...(lastRowId !== undefined ? { lastRowId } : {}) });
        if (page.length === 0) break;
        bodies.unshift(...page.map((m) => m.body));
        lastRowId = page[0].rowId;
        // Stop once the burst is covered: older pages may go to the server archive.
        if (page.length < 500 || bodies.filter((b) => b.startsWith(`${tag}:`)).length >= count) break;
      }
      const burst = bodies.filter((b) => b.startsWith(`${tag}:`));
      const inOrder = burst.every((b, i) => b.startsWith(`${tag}:${i}:`));
      const { rows, scroller } = rowsOf(thread);
      return {
        timedOut: !!state.timedOut,
        domNeverShown: !!state.domNeverShown,
        epochThread: state.epochThread,
        received: state.received,
        epochFirstInStore: state.epochFirstInStore,
        epochStore: state.epochStore,
        epochDom: state.epochDom,
        epochFrame: state.epochFrame,
        latestInView: state.latestInView,
        storeCount: burst.length,
        inOrder,
        rowsInDom: rows.length,
        lastVisibleText: rows.filter((r) => inView(r, scroller)).at(-1)?.querySelector('.bubble')?.textContent,
        epochMilestones: state.milestones,
        diagnostics: {
          keys: rows.map((r) => r.dataset.key),
          visible: rows.filter((r) => inView(r, scroller)).map((r) => r.dataset.key),
          messages: thread.messages?.length,
          items: thread.items?.length,
          atBottom: thread.atBottom,
          stickToBottom: thread.stickToBottom,
          newCount: thread.newCount,
          pin: thread.pin,
          settledAtOpen: thread.settledAtOpen,
          jumpButton: !!thread.shadowRoot.querySelector('.jump'),
          scrollTop: scroller?.scrollTop,
          scrollHeight: scroller?.scrollHeight,
          clientHeight: scroller?.clientHeight,
        },
        frames: state.frames,
        maxFrameGap: state.maxFrameGap,
        longtasks: state.work.longtasks.filter((t) => t.start >= state.t0).map((t) => ({ start: t.start - state.t0, duration: t.duration })),
        longFrames: state.work.frames.filter((f) => f.start >= state.t0).map((f) => ({ ...f, start: f.start - state.t0 })),
      };
    },

    // ---- the burst: bob (sender) side ---------------------------------------------------------

    async prepareSender({ service, domain, prefix, username, password }) {
      const sdk = CW.createSDK();
      const sent = new Set();
      const init = await sdk.initializeSDK({
        service, domain, storagePrefix: prefix,
        listeners: { messageStatusListener: (s) => { if (s.status === 'sent') sent.add(s.msgId); } },
      });
      if (init.statusCode !== 200) throw new Error(`initializeSDK: ${init.message}`);
      const res = await sdk.connect(username, password);
      if (res.statusCode !== 200) throw new Error(`connect ${username}: ${res.message}`);
      bench.sender = { sdk, sent };
      return res.data;
    },

    /** Sends `count` messages as fast as the API allows (all calls made at once, none awaited in between). */
    async burst({ to, count, tag, timeoutMs = 60000 }) {
      const { sdk, sent } = bench.sender;
      const epochStart = epoch();
      const t0 = performance.now();
      const calls = [];
      for (let i = 0; i < count; i++) calls.push(sdk.sendTextMessage({ toJid: to, messageText: `${tag}:${i}: ${messageText(i).slice(4 + String(i).length)}` }));
      const callsMs = performance.now() - t0;
      const results = await Promise.all(calls);
      const queuedMs = performance.now() - t0;
      const failed = results.filter((r) => r.statusCode !== 200);
      const ids = results.filter((r) => r.statusCode === 200).map((r) => r.data.msgId);
      // The server's acknowledgements ("sent") are followed in the background: see senderAcks().
      const acks = { t0, ids, allSentMs: undefined };
      bench.sender.acks = acks;
      const until = performance.now() + timeoutMs;
      (async () => {
        while (ids.some((id) => !sent.has(id)) && performance.now() < until) await sleep(10);
        if (ids.every((id) => sent.has(id))) acks.allSentMs = performance.now() - t0;
      })();
      return {
        epochStart,
        callsMs,
        queuedMs,
        failed: failed.length,
        firstError: failed[0]?.message,
      };
    },

    /** How many of the burst's messages the server has acknowledged so far (waits up to waitMs for all). */
    async senderAcks({ waitMs = 0 } = {}) {
      const { acks, sent } = bench.sender;
      if (!acks) return undefined;
      const until = performance.now() + waitMs;
      while (acks.allSentMs === undefined && performance.now() < until) await sleep(20);
      return { allSentMs: acks.allSentMs, acked: acks.ids.filter((id) => sent.has(id)).length, atMs: performance.now() - acks.t0 };
    },

    /**
     * Sends `count` chat messages as raw stanzas on bob's connection (the same markup the SDK sends),
     * bypassing his store and outbox: isolates alice's receiving side from the sender's own costs.
     */
    async burstRaw({ to, count, tag }) {
      const conn = internals.rawConnection(bench.sender.sdk);
      const parser = new DOMParser();
      const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const epochStart = epoch();
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        const id = `${tag}-${i}-${Math.random().toString(36).slice(2, 10)}`;
        const xml = `<message xmlns="jabber:client" to="${to}" type="chat" id="${id}">` +
          `<body>${esc(`${tag}:${i}: ${messageText(i).slice(4 + String(i).length)}`)}</body>` +
          `<origin-id xmlns="urn:xmpp:sid:0" id="${id}"/><active xmlns="http://jabber.org/protocol/chatstates"/>` +
          '<request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>';
        conn.send(parser.parseFromString(xml, 'text/xml').documentElement);
      }
      conn.flush?.();
      return { epochStart, callsMs: performance.now() - t0, queuedMs: performance.now() - t0, allSentMs: undefined, sent: count, failed: 0 };
    },

    /**
     * Feeds `count` message stanzas from `from` into alice's client as if they had just arrived, one per
     * task (as websocket frames arrive), as fast as the page runs them: the widget's receiving side
     * (parse → interpret → store → thread) without the server's pace. Receipts still go out for real.
     */
    async injectBurst({ from, count, tag }) {
      const client = internals.clientOf(bench.thread);
      if (typeof client.onMessageStanza !== 'function') throw new Error('the client has no onMessageStanza to feed stanzas to');
      const to = client.account;
      const parser = new DOMParser();
      const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const epochStart = epoch();
      const t0 = performance.now();
      let i = 0;
      const channel = new MessageChannel();
      await new Promise((resolve) => {
        channel.port1.onmessage = () => {
          const id = `${tag}-${i}-${Math.random().toString(36).slice(2, 10)}`;
          const xml = `<message xmlns="jabber:client" from="${from}/bench" to="${to}" type="chat" id="${id}">` +
            `<body>${esc(`${tag}:${i}: ${messageText(i).slice(4 + String(i).length)}`)}</body>` +
            `<origin-id xmlns="urn:xmpp:sid:0" id="${id}"/><active xmlns="http://jabber.org/protocol/chatstates"/>` +
            '<request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>';
          client.onMessageStanza(parser.parseFromString(xml, 'text/xml').documentElement);
          if (++i < count) channel.port2.postMessage(null);
          else resolve();
        };
        channel.port2.postMessage(null);
      });
      channel.port1.close();
      return { epochStart, callsMs: performance.now() - t0, queuedMs: performance.now() - t0, sent: count, failed: 0 };
    },

    // ---- a big file: bob uploads it (XEP-0363) and sends it; alice's thread shows it -------------

    /** Bob sends a `bytes`-long PDF; resolves with epoch times: call, first and last progress event,
     * the call resolved (uploaded and sent). */
    async sendBigFile({ to, bytes, name }) {
      const { sdk } = bench.sender;
      const data = new Uint8Array(bytes);
      data.set(new TextEncoder().encode('%PDF-1.4\n'), 0);
      const file = new File([data], name, { type: 'application/pdf' });
      const progress = [];
      const off = sdk.core.events.on('upload', (u) => progress.push({ at: epoch(), loaded: u.loaded, total: u.total }));
      const epochCall = epoch();
      const res = await sdk.sendDocumentMessage({ toJid: to, fileMessageParams: { file } });
      const epochResolved = epoch();
      off?.();
      if (res.statusCode !== 200) throw new Error(`sendDocumentMessage: ${res.statusCode} ${res.message}`);
      return { epochCall, epochResolved, events: progress.length, epochFirstProgress: progress[0]?.at, epochUploaded: progress.find((p) => p.loaded >= p.total)?.at };
    },

    /** Alice: the epoch time a document bubble named `name` is in her thread's DOM. */
    async watchFile({ name, timeoutMs = 120000 }) {
      const until = performance.now() + timeoutMs;
      for (;;) {
        const docs = [...(bench.thread.shadowRoot?.querySelectorAll('[part~="document"]') ?? [])];
        if (docs.some((d) => d.textContent.includes(name))) return { epochShown: epoch() };
        if (performance.now() > until) throw new Error(`alice did not show ${name}`);
        await frame();
      }
    },

    async disconnectSender() {
      await bench.sender?.sdk.disconnect();
    },

    // ---- live message latency -------------------------------------------------------------------
    // Bob (another browser) sends one message at a time; alice's page (bench.openLive) notes when each
    // one's websocket frame arrives (ws-tap.js), when her client announces it, and when its text enters
    // her thread's DOM. Message i's text starts with `${tag}#${i}:`, which marks it on the wire and in
    // the DOM. All times are epoch (performance.timeOrigin + now()): comparable across the two browsers.

    /** Alice: starts noting, for each of `count` messages, frame arrival, announcement and DOM insertion. */
    watchLive({ tag, count }) {
      const thread = bench.thread;
      const root = thread.shadowRoot;
      const tap = wsTap();
      const marker = new RegExp(`${tag}#(\\d+):`, 'g');
      const messages = Array.from({ length: count }, () => ({}));
      // Notes time `t` under `field` for every message of this run named in `text` (the first time only).
      const note = (field, text, t) => {
        if (!text || !text.includes(tag)) return [];
        const found = [];
        for (const m of text.matchAll(marker)) {
          const rec = messages[Number(m[1])];
          if (rec && rec[field] === undefined) {
            rec[field] = t;
            found.push(rec);
          }
        }
        return found;
      };
      tap.onIncoming = (text, t) => note('epochFrame', text, t);
      const offStore = internals.onThreadMessage(thread, (body, t) => note('epochAnnounced', body, t));
      // The DOM: every insertion or text change under the thread's shadow root (the virtualizer's rows).
      const mo = new MutationObserver((records) => {
        const t = epoch();
        const shown = [];
        for (const r of records) {
          if (r.type === 'characterData') shown.push(...note('epochDom', r.target.data, t));
          else for (const n of r.addedNodes) shown.push(...note('epochDom', n.textContent, t));
        }
        // And the frame that shows it: a task queued from the next rAF runs once that frame is produced.
        if (shown.length) {
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              const painted = epoch();
              for (const rec of shown) rec.epochPainted ??= painted;
            };
            ch.port2.postMessage(null);
          });
        }
      });
      mo.observe(root, { childList: true, subtree: true, characterData: true });
      const work = watchLongWork();
      bench.liveState = {
        messages,
        work,
        t0: performance.now(),
        storeHook: !!offStore,
        stop() {
          tap.onIncoming = null;
          offStore?.();
          mo.disconnect();
          work.stop();
        },
      };
      return { storeHook: !!offStore };
    },

    /** Alice: waits (up to waitMs) until every message is in the DOM and painted, then returns the records. */
    async liveResult({ waitMs = 3000 } = {}) {
      const state = bench.liveState;
      const until = performance.now() + waitMs;
      while (state.messages.some((m) => m.epochPainted === undefined) && performance.now() < until) await sleep(20);
      state.stop();
      return {
        messages: state.messages,
        storeHook: state.storeHook,
        longtasks: state.work.longtasks.filter((t) => t.start >= state.t0).map((t) => ({ start: t.start - state.t0, duration: t.duration })),
      };
    },

    /**
     * Bob: sends `count` messages through sendTextMessage, one at a time, each call starting `spacingMs`
     * after the previous one. Notes, per message: just before the call, when the call resolved, and when
     * the frame carrying it left his websocket (ws-tap.js).
     */
    async sendSpaced({ to, count, tag, spacingMs = 250 }) {
      const { sdk } = bench.sender;
      const tap = wsTap();
      const marker = new RegExp(`${tag}#(\\d+):`);
      const messages = [];
      tap.onOutgoing = (text, t) => {
        if (!text.includes(tag) || !text.includes('<body')) return;
        const rec = messages[Number(text.match(marker)?.[1])];
        if (rec && rec.epochWire === undefined) rec.epochWire = t;
      };
      const start = performance.now();
      try {
        for (let i = 0; i < count; i++) {
          const wait = start + i * spacingMs - performance.now();
          if (wait > 0) await sleep(wait);
          const rec = { epochCall: epoch() };
          messages[i] = rec;
          const res = await sdk.sendTextMessage({ toJid: to, messageText: `${tag}#${i}: ${messageText(i).slice(3 + String(i).length)}` });
          rec.epochResolved = epoch();
          if (res.statusCode !== 200) rec.error = res.message;
        }
        await sleep(200); // the last frame
      } finally {
        tap.onOutgoing = null;
      }
      return { messages };
    },

    // ---- deep scroll --------------------------------------------------------------------------------
    // The archive is seeded from one page (bob's browser) holding two SDK sessions, alice and bob, both
    // online, so every message is delivered live (none waits in offline storage for alice's new device)
    // and archived by the server in both accounts. The stanzas go straight onto the connections, as
    // burstRaw does: body and origin-id only, no receipt request or marker, so the archive holds exactly
    // the seeded messages.

    /** Seeder page: connects alice and bob, each counting the seeded messages that reach them. */
    async connectSeeders({ service, domain, prefix, accounts, tag }) {
      const sessions = {};
      for (const [role, { username, password }] of Object.entries(accounts)) {
        const sdk = CW.createSDK();
        const session = { sdk, received: 0, jid: undefined };
        const init = await sdk.initializeSDK({
          service, domain, storagePrefix: `${prefix}-${role}`,
          features: { history: false, deliveryReceipts: false, typing: false, seenStatus: false },
          listeners: { messageListener: (m) => { if (m.body?.startsWith(`${tag}#`) && !m.outgoing) session.received += 1; } },
        });
        if (init.statusCode !== 200) throw new Error(`initializeSDK: ${init.message}`);
        const res = await sdk.connect(username, password);
        if (res.statusCode !== 200) throw new Error(`connect ${username}: ${res.message}`);
        session.jid = res.data.jid.replace(/\/.*$/, '');
        sessions[role] = session;
      }
      bench.seeders = sessions;
      return Object.fromEntries(Object.entries(sessions).map(([role, s]) => [role, s.jid]));
    },

    /**
     * Seeder page: writes `count` messages, message i from alice when i % 3 === 0 and from bob otherwise,
     * keeping at most `inFlight` of them not yet received by the other side (the server archives a
     * message before it delivers it), then waits until all have arrived. Message 0 is the oldest in the
     * archive and message count-1 the newest.
     */
    async seedArchive({ count, tag, inFlight = 200, timeoutMs = 600_000 }) {
      const { alice, bob } = bench.seeders;
      const conns = { alice: internals.rawConnection(alice.sdk), bob: internals.rawConnection(bob.sdk) };
      const parser = new DOMParser();
      const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const received = () => alice.received + bob.received;
      const t0 = performance.now();
      const until = t0 + timeoutMs;
      for (let i = 0; i < count; i++) {
        // The first and the last go alone, so they are also the archive's oldest and newest (messages on
        // two connections can be archived in a slightly different order than they were written).
        const limit = i === 1 || i === count - 1 ? 1 : inFlight;
        while (i - received() >= limit) {
          if (performance.now() > until) throw new Error(`seeding stalled: ${received()} of ${i} sent arrived`);
          await sleep(5);
        }
        const [from, to] = i % 3 === 0 ? ['alice', 'bob'] : ['bob', 'alice'];
        const id = `${tag}-${i}-${Math.random().toString(36).slice(2, 10)}`;
        const xml = `<message xmlns="jabber:client" to="${bench.seeders[to].jid}" type="chat" id="${id}">` +
          `<body>${esc(`${tag}#${i}: ${messageText(i).slice(3 + String(i).length)}`)}</body>` +
          `<origin-id xmlns="urn:xmpp:sid:0" id="${id}"/></message>`;
        conns[from].send(parser.parseFromString(xml, 'text/xml').documentElement);
      }
      while (received() < count) {
        if (performance.now() > until) throw new Error(`seeding stalled: ${received()} of ${count} arrived`);
        await sleep(20);
      }
      return { ms: performance.now() - t0, received: received() };
    },

    /** Seeder page: how many items the server's archive of `role` holds with `withJid` (RSM <count/>). */
    async archiveCount({ role, withJid }) {
      const conn = internals.rawConnection(bench.seeders[role].sdk);
      const id = `count-${Math.random().toString(36).slice(2, 10)}`;
      const xml = `<iq xmlns="jabber:client" type="set" id="${id}"><query xmlns="urn:xmpp:mam:2" queryid="${id}">` +
        '<x xmlns="jabber:x:data" type="submit"><field var="FORM_TYPE" type="hidden"><value>urn:xmpp:mam:2</value></field>' +
        `<field var="with"><value>${withJid}</value></field></x>` +
        '<set xmlns="http://jabber.org/protocol/rsm"><max>0</max></set></query></iq>';
      const iq = await new Promise((resolve, reject) => {
        conn.sendIQ(new DOMParser().parseFromString(xml, 'text/xml').documentElement, resolve, (e) => reject(new Error(`MAM count query failed: ${e?.outerHTML ?? 'timeout'}`)), 30000);
      });
      return Number(iq.getElementsByTagName('count')[0]?.textContent ?? NaN);
    },

    async disconnectSeeders() {
      for (const s of Object.values(bench.seeders ?? {})) await s.sdk.disconnect();
      bench.seeders = undefined;
    },

    /**
     * Alice: puts <chat-thread peer=…> on the page (attributes only) and waits until the newest message
     * (`latestNeedle`) is in view in a revealed list. Returns how long that took (from appending the
     * element, or with `peerWhenConnected` from setting `peer`) and what went on the wire meanwhile.
     * `peerWhenConnected`: the element goes in without `peer` and gets it once its client is connected
     * (and so caught up): a reader who opens the chat a moment after the page, not with it.
     * The element stays on the page for deepScroll().
     */
    async openDeep({ service, domain, prefix, username, password, peer, latestNeedle, peerWhenConnected = false, timeoutMs = 60000 }) {
      const tap = wsTap();
      const host = document.getElementById('host');
      host.textContent = '';
      const thread = document.createElement('chat-thread');
      const attrs = { service, domain, username, password, 'storage-prefix': prefix, ...(peerWhenConnected ? {} : { peer }) };
      for (const [name, value] of Object.entries(attrs)) thread.setAttribute(name, value);
      let t0 = performance.now();
      host.appendChild(thread);
      let connectedMs;
      if (peerWhenConnected) {
        while (!internals.threadConnected(thread)) {
          if (performance.now() > t0 + timeoutMs) throw new Error('alice did not connect');
          await sleep(10);
        }
        connectedMs = performance.now() - t0;
        t0 = performance.now();
        thread.setAttribute('peer', peer);
      }
      const until = t0 + timeoutMs;
      for (;;) {
        await frame();
        const { scroller, rows } = rowsOf(thread);
        if (rows.length && getComputedStyle(scroller).visibility !== 'hidden' && inView(rowWith(rows, latestNeedle), scroller)) break;
        if (performance.now() > until) {
          throw new Error(`the thread did not show ${latestNeedle} within ${timeoutMs} ms: ${rows.length} rows ` +
            `(last: "${rows.at(-1)?.textContent.trim().slice(0, 40) ?? ''}"), list ${scroller ? getComputedStyle(scroller).visibility : 'missing'}, ` +
            `connected ${internals.threadConnected(thread)}, ${tap.mam.length} archive queries`);
        }
      }
      const shownMs = performance.now() - t0;
      bench.thread = thread;
      // mamQueries: every archive query this page has sent so far (connecting, catching up, opening).
      return { shownMs, connectedMs, mamQueries: tap.mam.length, connected: internals.threadConnected(thread) };
    },

    /**
     * Alice: scrolls the open thread toward its oldest message as a reader flinging it would: every
     * animation frame a `wheel` event on the lit-virtualizer (the thread loads older messages only
     * after the reader's own input) and then `scrollTop = 0` (step 'top') or one screen up (step
     * 'screen'). Measures from the first scroll to the first moment `oldestNeedle` is in the DOM.
     * Gives up when no older message has come into the DOM for `stallMs` (`stalled`), or after timeoutMs.
     */
    async deepScroll({ oldestNeedle, tag, step = 'top', timeoutMs = 120000, stallMs = 6000 }) {
      const thread = bench.thread;
      const tap = wsTap();
      const scroller = thread.shadowRoot.querySelector('lit-virtualizer');
      const marker = new RegExp(`${tag}#(\\d+):`, 'g');
      const mamBefore = tap.mam.length;
      const work = watchLongWork();
      const out = { loads: 0, progress: [] };
      let epochStart;
      let epochOldest;
      let lowest = Infinity;
      let lastProgress = performance.now();
      // Progress: the oldest message index in the DOM so far, noted each time it drops by 250 or more.
      const noteText = (text, t) => {
        if (!text || !text.includes(tag)) return;
        if (epochOldest === undefined && text.includes(oldestNeedle)) epochOldest = t;
        let low = lowest;
        for (const m of text.matchAll(marker)) low = Math.min(low, Number(m[1]));
        if (low < lowest) {
          lastProgress = performance.now();
          if (epochStart !== undefined && (out.progress.length === 0 || out.progress.at(-1)[1] - low >= 250 || low === 0)) {
            out.progress.push([t - epochStart, low]);
          }
          lowest = low;
        }
      };
      const mo = new MutationObserver((records) => {
        const t = epoch();
        for (const r of records) {
          if (r.type === 'characterData') noteText(r.target.data, t);
          else {
            for (const n of r.addedNodes) {
              // The thread's "Loading older messages…" indicator: one per step that waits for older messages.
              if (n.nodeType === 1 && n.classList.contains('loading')) out.loads += 1;
              noteText(n.textContent, t);
            }
          }
        }
      });
      mo.observe(thread.shadowRoot, { childList: true, subtree: true, characterData: true });
      noteText(scroller.textContent, epoch());
      let frames = 0;
      let maxFrameGap = 0;
      let last;
      const t0 = performance.now();
      await new Promise((resolve) => {
        const tick = () => {
          const now = performance.now();
          if (last !== undefined) maxFrameGap = Math.max(maxFrameGap, now - last);
          last = now;
          if (epochOldest !== undefined || now - t0 > timeoutMs || now - lastProgress > stallMs) {
            out.stalled = epochOldest === undefined && now - lastProgress > stallMs;
            resolve();
            return;
          }
          if (epochStart === undefined) epochStart = epoch();
          frames += 1;
          scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -scroller.clientHeight, bubbles: true, composed: true }));
          scroller.scrollTop = step === 'screen' ? Math.max(0, scroller.scrollTop - scroller.clientHeight) : 0;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      mo.disconnect();
      work.stop();
      const windowStart = t0;
      const windowEnd = performance.now();
      const queries = tap.mam.slice(mamBefore).filter((q) => q.epochSent <= (epochOldest ?? Infinity));
      const { rows } = rowsOf(thread);
      return {
        ms: epochOldest === undefined ? undefined : epochOldest - epochStart,
        timedOut: epochOldest === undefined,
        stalled: !!out.stalled,
        lowestReached: lowest,
        frames,
        maxFrameGap,
        loads: out.loads,
        progress: out.progress,
        rowsInDom: rows.length,
        oldestInView: inView(rowWith(rows, oldestNeedle), scroller),
        mam: queries.map((q) => ({ with: q.with, max: q.max, results: q.results, sentAt: q.epochSent - epochStart, waitMs: q.epochFin === undefined ? undefined : q.epochFin - q.epochSent })),
        longtasks: work.longtasks.filter((t) => t.start >= windowStart && t.start < windowEnd).map((t) => ({ start: t.start - windowStart, duration: t.duration })),
        longFrames: work.frames.map((f) => ({ ...f, start: f.start - windowStart })),
      };
    },
  };
  window.bench = bench;
})();
