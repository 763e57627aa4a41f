/**
 * The baseline: RTCPeerConnection and RTCDataChannel used directly, signaled through the same
 * server with the PeerJS wire frames (what a careful application without a library does), with
 * trickle ICE and bufferedAmountLowThreshold backpressure.
 */
import type { Channel } from './Channel';
import type { Call, Endpoint, EndpointHooks } from './Endpoint';
import type { ServerInfo } from './types';

/** Bulk sends pause while the channel holds this much, and resume below RESUME_BELOW. */
const PAUSE_ABOVE = 4 * 1024 * 1024;
const RESUME_BELOW = 1024 * 1024;
const HEARTBEAT_MS = 5_000;

interface Frame {
  type: string;
  src?: string;
  dst?: string;
  payload?: {
    sdp?: RTCSessionDescriptionInit;
    candidate?: RTCIceCandidateInit;
    type?: 'data' | 'media';
    connectionId?: string;
  };
}

interface Link {
  readonly pc: RTCPeerConnection;
  /** Resolves once the remote description is applied: candidates wait for it. */
  remoteSet: Promise<void>;
  applyAnswer?: (sdp: RTCSessionDescriptionInit) => void;
}

/** A Channel on `dc`; closing it (either side) closes `pc` too. */
function wrapChannel(dc: RTCDataChannel, pc: RTCPeerConnection): Channel {
  dc.binaryType = 'arraybuffer';
  dc.bufferedAmountLowThreshold = RESUME_BELOW;
  const channel: Channel = {
    send: (data) => {
      if (typeof data === 'string') dc.send(data);
      else if (data instanceof ArrayBuffer) dc.send(data);
      else throw new TypeError('raw channel sends strings and ArrayBuffers only');
    },
    sendAll: async (messages) => {
      for (const message of messages) {
        if (dc.bufferedAmount > PAUSE_ABOVE) {
          await new Promise((resolve) => {
            dc.addEventListener('bufferedamountlow', resolve, { once: true });
          });
        }
        dc.send(message);
      }
    },
    onMessage: () => undefined,
    close: () => {
      dc.close();
    },
  };
  dc.onmessage = (event: MessageEvent) => {
    channel.onMessage(event.data);
  };
  dc.addEventListener('close', () => {
    pc.close();
  });
  return channel;
}

export class RawEndpoint implements Endpoint {
  readonly lib = 'raw' as const;
  readonly opened: Promise<void>;
  readonly #socket: WebSocket;
  readonly #links = new Map<string, Link>();
  readonly #heartbeat: ReturnType<typeof setInterval>;
  #counter = 0;

  constructor(
    readonly id: string,
    server: ServerInfo,
    private readonly hooks: EndpointHooks,
  ) {
    const token = Math.random().toString(36).slice(2);
    const query = `key=${encodeURIComponent(server.key)}&id=${encodeURIComponent(id)}&token=${token}`;
    this.#socket = new WebSocket(`ws://${server.host}:${server.port}${server.path}peerjs?${query}`);
    this.opened = new Promise((resolve, reject) => {
      this.#socket.onmessage = (event: MessageEvent<string>) => {
        const frame = JSON.parse(event.data) as Frame;
        if (frame.type === 'OPEN') resolve();
        else if (frame.type === 'ERROR' || frame.type === 'ID-TAKEN') {
          reject(new Error(`raw ${id}: ${frame.type} ${JSON.stringify(frame.payload)}`));
        } else this.#onFrame(frame);
      };
      this.#socket.onclose = () => {
        reject(new Error(`raw ${id}: socket closed`));
      };
    });
    this.#heartbeat = setInterval(() => {
      this.#send({ type: 'HEARTBEAT' });
    }, HEARTBEAT_MS);
  }

  async connect(remoteId: string): Promise<Channel> {
    const connectionId = `dc_${this.id}_${++this.#counter}`;
    const link = this.#link(remoteId, connectionId, 'data');
    const dc = link.pc.createDataChannel(connectionId, { ordered: true });
    const channel = wrapChannel(dc, link.pc);
    const open = new Promise<void>((resolve, reject) => {
      dc.onopen = () => {
        resolve();
      };
      dc.onerror = () => {
        reject(new Error(`raw data channel to ${remoteId} failed`));
      };
    });
    await this.#offer(remoteId, connectionId, 'data', link);
    await open;
    return channel;
  }

  call(remoteId: string, stream: MediaStream): Call {
    const connectionId = `mc_${this.id}_${++this.#counter}`;
    const link = this.#link(remoteId, connectionId, 'media');
    for (const track of stream.getTracks()) link.pc.addTrack(track, stream);
    const remoteStream = new Promise<MediaStream>((resolve) => {
      link.pc.ontrack = (event) => {
        resolve(event.streams[0] ?? new MediaStream([event.track]));
      };
    });
    const offered = this.#offer(remoteId, connectionId, 'media', link);
    return {
      peer: remoteId,
      remoteStream: offered.then(() => remoteStream),
      close: () => {
        this.#close(connectionId);
      },
    };
  }

  closeCalls(): void {
    for (const [connectionId] of this.#links) {
      if (connectionId.startsWith('mc_')) this.#close(connectionId);
    }
  }

  destroy(): void {
    clearInterval(this.#heartbeat);
    for (const [connectionId] of this.#links) this.#close(connectionId);
    this.#socket.onclose = null;
    this.#socket.close();
  }

  #close(connectionId: string): void {
    this.#links.get(connectionId)?.pc.close();
    this.#links.delete(connectionId);
  }

  #send(frame: Frame): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  #link(remoteId: string, connectionId: string, type: 'data' | 'media'): Link {
    const pc = new RTCPeerConnection({ iceServers: [] });
    const link: Link = { pc, remoteSet: Promise.resolve() };
    pc.onicecandidate = (event) => {
      if (event.candidate === null) return;
      this.#send({
        type: 'CANDIDATE',
        dst: remoteId,
        payload: { candidate: event.candidate.toJSON(), type, connectionId },
      });
    };
    this.#links.set(connectionId, link);
    return link;
  }

  async #offer(
    remoteId: string,
    connectionId: string,
    type: 'data' | 'media',
    link: Link,
  ): Promise<void> {
    link.remoteSet = new Promise<void>((resolve, reject) => {
      link.applyAnswer = (sdp) => {
        link.pc.setRemoteDescription(sdp).then(resolve, reject);
      };
    });
    const offer = await link.pc.createOffer();
    await link.pc.setLocalDescription(offer);
    this.#send({
      type: 'OFFER',
      dst: remoteId,
      payload: { sdp: { type: 'offer', sdp: offer.sdp ?? '' }, type, connectionId },
    });
  }

  #onFrame(frame: Frame): void {
    const payload = frame.payload;
    const connectionId = payload?.connectionId;
    if (connectionId === undefined || frame.src === undefined) return;
    if (frame.type === 'OFFER' && payload?.sdp) {
      void this.#answer(frame.src, connectionId, payload.type ?? 'data', payload.sdp).catch(
        (error: unknown) => {
          this.hooks.onError(`raw answer to ${frame.src ?? '?'}: ${String(error)}`);
        },
      );
    } else if (frame.type === 'ANSWER' && payload?.sdp) {
      this.#links.get(connectionId)?.applyAnswer?.(payload.sdp);
    } else if (frame.type === 'CANDIDATE' && payload?.candidate) {
      const link = this.#links.get(connectionId);
      const candidate = payload.candidate;
      if (link) {
        link.remoteSet = link.remoteSet
          .then(() => link.pc.addIceCandidate(candidate))
          .catch((error: unknown) => {
            this.hooks.onError(`raw candidate from ${frame.src ?? '?'}: ${String(error)}`);
          });
      }
    }
  }

  async #answer(
    remoteId: string,
    connectionId: string,
    type: 'data' | 'media',
    sdp: RTCSessionDescriptionInit,
  ): Promise<void> {
    const link = this.#link(remoteId, connectionId, type);
    if (type === 'data') {
      link.pc.ondatachannel = (event) => {
        this.hooks.onChannel(wrapChannel(event.channel, link.pc));
      };
    } else {
      let seen = false;
      link.pc.ontrack = (event) => {
        if (seen) return;
        seen = true;
        this.hooks.onRemoteStream(remoteId, event.streams[0] ?? new MediaStream([event.track]));
      };
      const local = this.hooks.localStream();
      if (local) for (const track of local.getTracks()) link.pc.addTrack(track, local);
    }
    const applied = link.pc.setRemoteDescription(sdp);
    link.remoteSet = applied;
    await applied;
    const answer = await link.pc.createAnswer();
    await link.pc.setLocalDescription(answer);
    this.#send({
      type: 'ANSWER',
      dst: remoteId,
      payload: { sdp: { type: 'answer', sdp: answer.sdp ?? '' }, type, connectionId },
    });
  }
}
