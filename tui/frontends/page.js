// nn-by-hand's script in textual-serve's page: every key typed reaches the debugger, with or without a click,
// and the page's seat survives a bad network. It runs before textual-serve's own script, which then opens its
// terminal's websocket through SeatSocket below without knowing it.
(() => {
  "use strict";
  const config = document.currentScript.dataset;
  const KEEP = Number(config.keep) * 1000; // how long the server keeps a seat whose page has gone
  const BEAT = 2000; // how often the page says it is alive
  const STALL = 6000; // silence after which a connection counts as lost, and another is opened
  const CONNECTING = 5000; // how long a new connection may take before another is tried
  const LONGEST_KEYS = Number(config.longest); // the most characters of keys the server takes in one message
  const NativeWebSocket = window.WebSocket;

  function randomKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
  }

  // The seat: in a class, one per browser (every tab of it shares local storage); otherwise one per tab.
  const store = config.scope === "browser" ? window.localStorage : window.sessionStorage;
  let seat = store.getItem("nn-by-hand-seat");
  if (!seat) {
    seat = randomKey();
    store.setItem("nn-by-hand-seat", seat);
  }
  const page = randomKey(); // this page load: its keys are numbered from 1

  function notice(text) {
    let box = document.getElementById("nn-by-hand-notice");
    if (!box) {
      box = document.createElement("div");
      box.id = "nn-by-hand-notice";
      box.setAttribute("role", "status");
      box.style.cssText =
        "position:fixed;top:0;left:0;right:0;z-index:30;padding:6px 12px;font:16px monospace;" +
        "background:#b58900;color:#000;text-align:center;display:none";
      document.body.appendChild(box);
    }
    box.textContent = text || "";
    box.style.display = text ? "block" : "none";
  }

  function ended(reason) {
    // textual-serve's dialog says "Session ended."; the server's reason, when it gave one, says why.
    const message = document.querySelector(".closed-dialog .message");
    if (message && reason) message.textContent = reason;
    notice("");
  }

  class SeatSocket {
    // What textual-serve's script uses of a WebSocket: binaryType, addEventListener and send.
    constructor(url) {
      this.url = url;
      this.type = "blob";
      this.listeners = { open: [], close: [], message: [] };
      this.unsent = []; // key messages the server has not said it took: sent again on a new connection
      this.numbered = 0;
      this.size = null; // the terminal's last size, said again on a new connection
      this.opened = false;
      this.over = false;
      this.lostAt = null;
      this.connect();
      this.beat = setInterval(() => this.alive(), BEAT);
    }

    get binaryType() {
      return this.type;
    }

    set binaryType(type) {
      this.type = type;
      if (this.socket) this.socket.binaryType = type;
    }

    addEventListener(kind, listener) {
      this.listeners[kind].push(listener);
    }

    fire(kind, event) {
      for (const listener of this.listeners[kind]) listener(event);
    }

    connect() {
      const url = new URL(this.url, window.location.href);
      url.searchParams.set("seat", seat);
      url.searchParams.set("page", page);
      const socket = (this.socket = new NativeWebSocket(url));
      socket.binaryType = this.type;
      const patience = setTimeout(() => socket.readyState === NativeWebSocket.CONNECTING && this.lose(socket), CONNECTING);
      socket.onopen = () => {
        clearTimeout(patience);
        this.heard = Date.now();
        for (const message of this.unsent) socket.send(JSON.stringify(message));
        if (this.opened && this.size) socket.send(this.size);
        if (this.lostAt !== null) notice("");
        this.lostAt = null;
        if (!this.opened) {
          this.opened = true;
          this.fire("open", {});
        }
      };
      socket.onmessage = (event) => {
        if (socket !== this.socket) return;
        this.heard = Date.now();
        if (typeof event.data === "string" && event.data.startsWith('["alive"')) {
          const taken = JSON.parse(event.data)[2];
          this.unsent = this.unsent.filter((message) => message[2] > taken);
          return;
        }
        this.fire("message", event);
      };
      socket.onclose = (event) => {
        clearTimeout(patience);
        if (socket !== this.socket) return;
        // 1000, and 4001 to 4099, are the server's own: the session is over, for the reason given.
        if (event.code === 1000 || (event.code >= 4001 && event.code <= 4099)) this.end(event);
        else this.lose(socket);
      };
    }

    lose(socket) {
      // The connection is gone or stalled: try again until the server would no longer keep the seat.
      if (socket !== this.socket || this.over) return;
      this.socket = null;
      socket.onclose = socket.onmessage = socket.onopen = null;
      try {
        socket.close();
      } catch (error) {}
      if (this.lostAt === null) this.lostAt = Date.now();
      const left = Math.round((KEEP - (Date.now() - this.lostAt)) / 1000);
      if (left <= 0) {
        this.end({ code: 1006, reason: "The connection to the server was lost for too long; reload to start again." });
        return;
      }
      notice(`Connection lost: reconnecting… Your place is kept ${left} s more, and what you type is kept for it.`);
      setTimeout(() => this.connect(), 1000);
    }

    end(event) {
      this.over = true;
      clearInterval(this.beat);
      ended(event.reason);
      this.fire("close", event);
    }

    alive() {
      const socket = this.socket;
      if (!socket || socket.readyState !== NativeWebSocket.OPEN) return;
      if (Date.now() - this.heard > STALL) {
        this.lose(socket);
        return;
      }
      socket.send(JSON.stringify(["alive", this.numbered]));
    }

    send(text) {
      const message = JSON.parse(text);
      if (message[0] === "stdin" && message[1].length > LONGEST_KEYS) {
        notice(`Not sent: that paste is longer than the ${LONGEST_KEYS} characters a message may have.`);
        setTimeout(() => notice(""), 5000);
        return;
      }
      if (message[0] === "stdin") {
        const numbered = ["stdin", message[1], ++this.numbered];
        this.unsent.push(numbered);
        text = JSON.stringify(numbered);
      } else if (message[0] === "resize") {
        this.size = text;
      }
      const socket = this.socket;
      if (socket && socket.readyState === NativeWebSocket.OPEN) socket.send(text);
    }
  }

  let terminalSocket = null;
  const early = []; // keys typed before the terminal's socket exists
  window.WebSocket = function (url) {
    terminalSocket = new SeatSocket(url);
    for (const text of early.splice(0)) terminalSocket.send(JSON.stringify(["stdin", text]));
    return terminalSocket;
  };

  // Keys the terminal's hidden text field did not get (it does not exist yet, or has no focus): sent all the
  // same, and the field takes the keyboard for the next ones.
  const KEYS = {
    Enter: "\r", Backspace: "\x7f", Tab: "\t", Escape: "\x1b", Delete: "\x1b[3~",
    ArrowUp: "\x1b[A", ArrowDown: "\x1b[B", ArrowRight: "\x1b[C", ArrowLeft: "\x1b[D",
    Home: "\x1b[H", End: "\x1b[F", PageUp: "\x1b[5~", PageDown: "\x1b[6~",
  };
  const field = () => document.querySelector(".xterm-helper-textarea");
  function typed(event) {
    if (event.altKey || event.metaKey || event.isComposing) return null;
    if (event.ctrlKey) return /^[a-z]$/i.test(event.key) ? String.fromCharCode(event.key.toUpperCase().charCodeAt(0) - 64) : null;
    return event.key.length === 1 ? event.key : KEYS[event.key] || null;
  }
  document.addEventListener(
    "keydown",
    (event) => {
      const terminal = field();
      if (terminal && event.target === terminal) return;
      const text = typed(event);
      if (text === null) return;
      event.preventDefault();
      if (terminalSocket) terminalSocket.send(JSON.stringify(["stdin", text]));
      else early.push(text);
      if (terminal) terminal.focus({ preventScroll: true });
    },
    true,
  );
  // The terminal takes the keyboard as soon as it exists, and again whenever the window comes back.
  new MutationObserver((changes, observer) => {
    const terminal = field();
    if (terminal) {
      terminal.focus({ preventScroll: true });
      observer.disconnect();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("focus", () => field()?.focus({ preventScroll: true }));
})();
