/*
 * A minimal PeerJS 1.5.5 mesh meeting, as the PeerJS docs lead one to write it: each newcomer
 * calls everyone already there with its camera stream; everyone answers every call with theirs;
 * each remote stream goes into a <video>. The baseline of `npm run bench:meeting`.
 */
/* global Peer */
(function () {
  'use strict';
  let peer;
  let stream;
  const shown = new Set();
  const errors = [];

  function show(remoteId, remote) {
    if (shown.has(remoteId)) return; // 'stream' fires once per track
    shown.add(remoteId);
    const video = document.createElement('video');
    video.autoplay = true;
    video.muted = true;
    video.playsInline = true;
    video.dataset.peer = remoteId;
    video.srcObject = remote;
    document.getElementById('videos').append(video);
  }

  window.demo = {
    errors,
    /** Camera and microphone, before joining (the lobby's preview in the app). */
    async media() {
      stream = stream || (await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    },
    /** Registers as `id` on the server and calls every id in `others`. */
    join(server, id, others) {
      return new Promise((resolve, reject) => {
        peer = new Peer(id, {
          host: server.host,
          port: server.port,
          path: server.path,
          key: server.key,
          secure: false,
          config: { iceServers: [] },
        });
        peer.on('call', (call) => {
          call.answer(stream);
          call.on('stream', (remote) => show(call.peer, remote));
        });
        peer.on('error', (error) => {
          errors.push(String(error.type || error));
          reject(error);
        });
        peer.on('open', () => {
          for (const other of others) {
            const call = peer.call(other, stream);
            call.on('stream', (remote) => show(other, remote));
          }
          resolve();
        });
      });
    },
  };
})();
