/* global window */
// In-page test helpers for peer tests (classic script). Works with ParleyPeer and peerjs.
(() => {
  const lab = {
    peers: {},
    conns: {},
    calls: {},
    errors: [],
    events: [],
    received: {},
    streams: {},
  };
  const libOf = (kind) =>
    kind === 'parley'
      ? window.ParleyPeer.Peer
      : kind === 'peerjs-msgpack'
        ? window.PeerJsMsgPack.MsgPackPeer
        : window.peerjs.Peer;
  lab.server = null; // { host, port, path, key }
  lab.makePeer = (name, kind, id, extra = {}) =>
    new Promise((resolve, reject) => {
      const Peer = libOf(kind);
      const options = { ...lab.server, secure: false, config: { iceServers: [] }, ...extra };
      const peer = id ? new Peer(id, options) : new Peer(options);
      lab.peers[name] = peer;
      peer.on('open', (pid) => {
        lab.events.push(`${name}:open:${pid}`);
        resolve(pid);
      });
      peer.on('error', (e) => {
        lab.errors.push({ who: name, type: e.type, message: e.message, peer: e.peer ?? null });
        reject(new Error(`${name} error ${e.type}: ${e.message}`));
      });
      peer.on('disconnected', () => lab.events.push(`${name}:disconnected`));
      peer.on('close', () => lab.events.push(`${name}:close`));
      peer.on('connection', (c) => lab.trackConn(`${name}<-${c.peer}#${++counter}`, c));
      peer.on('call', (call) => {
        const key = `${name}<-${call.peer}#${++counter}`;
        lab.calls[key] = call;
        lab.trackCall(key, call);
      });
    });
  let counter = 0;
  lab.trackConn = (key, c) => {
    lab.conns[key] = c;
    lab.received[key] = [];
    c.on('open', () => lab.events.push(`${key}:open`));
    c.on('data', (d) => lab.received[key].push(d));
    c.on('close', () => lab.events.push(`${key}:close`));
    c.on('error', (e) =>
      lab.errors.push({ who: key, type: e.type, message: e.message, peer: e.peer ?? null }),
    );
  };
  lab.trackCall = (key, call) => {
    call.on('stream', (s) => {
      lab.streams[key] = s;
      lab.events.push(`${key}:stream`);
    });
    call.on('close', () => lab.events.push(`${key}:close`));
    call.on('error', (e) =>
      lab.errors.push({ who: key, type: e.type, message: e.message, peer: e.peer ?? null }),
    );
  };
  lab.connect = (name, remote, options) => {
    const key = `${name}->${remote}#${++counter}`;
    lab.trackConn(key, lab.peers[name].connect(remote, options));
    return key;
  };
  lab.media = async (video = true, audio = true) =>
    navigator.mediaDevices.getUserMedia({ video, audio });
  lab.call = async (name, remote, options) => {
    const key = `${name}->${remote}#${++counter}`;
    const stream = await lab.media();
    const call = lab.peers[name].call(remote, stream, options);
    lab.calls[key] = call;
    lab.trackCall(key, call);
    return key;
  };
  lab.answer = async (key, withStream = true) => {
    const stream = withStream ? await lab.media() : undefined;
    lab.calls[key].answer(stream);
  };
  lab.framesDecoded = async (key) => {
    const pc = lab.calls[key].peerConnection;
    if (!pc) return 0;
    const stats = await pc.getStats();
    let frames = 0;
    stats.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0;
    });
    return frames;
  };
  lab.inboundVideo = async (key) => {
    const call = lab.calls[key];
    const pc = call && call.peerConnection;
    if (!pc) return [];
    const stats = await pc.getStats();
    const out = [];
    stats.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') out.push(r.framesDecoded || 0);
    });
    return out;
  };
  lab.tracks = {};
  lab.watchTracks = (key) => {
    lab.tracks[key] = [];
    lab.calls[key].on('track', (t) => lab.tracks[key].push(t.kind));
  };
  // A deterministic byte pattern and its checksum (FNV-1a over all bytes).
  lab.pattern = (size, seed = 1) => {
    const bytes = new Uint8Array(size);
    let x = seed;
    for (let i = 0; i < size; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = x >>> 16;
    }
    return bytes;
  };
  lab.checksum = (input) => {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    let h = 0x811c9dc5;
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
    return `${bytes.length}:${h}`;
  };
  lab.has = (event) => lab.events.includes(event);
  lab.hasError = (who, type) => lab.errors.some((e) => e.who === who && e.type === type);
  window.lab = lab;
})();
