/**
 * An endpoint on a PeerJS-API client: our client (ParleyPeer) or peerjs 1.5.5. Both are driven
 * the same way, the way their documentation says: `send()` in a loop, awaiting what it returns
 * (our client's send() resolves once the message is handed to the channel, which is its
 * byte-based backpressure; peerjs's returns nothing and buffers internally).
 */
import type { Channel } from './Channel';
import type { Call, Endpoint, EndpointHooks } from './Endpoint';
import { peerClass, type PjDataConnection, type PjMediaConnection, type PjPeer } from './libs';
import type { Lib, Serialization, ServerInfo } from './types';

function wrapConnection(connection: PjDataConnection): Channel {
  const channel: Channel = {
    send: (data) => {
      void connection.send(data);
    },
    sendAll: async (messages) => {
      for (const message of messages) {
        const result = connection.send(message);
        if (result instanceof Promise) await result;
      }
    },
    onMessage: () => undefined,
    close: () => {
      connection.close();
    },
  };
  connection.on('data', (data) => {
    channel.onMessage(data);
  });
  return channel;
}

export class PeerJsEndpoint implements Endpoint {
  readonly opened: Promise<void>;
  readonly #peer: PjPeer;
  readonly #calls = new Set<PjMediaConnection>();

  constructor(
    readonly lib: Extract<Lib, 'parley' | 'peerjs'>,
    readonly id: string,
    server: ServerInfo,
    hooks: EndpointHooks,
  ) {
    const Peer = peerClass(lib === 'parley' ? 'ParleyPeer' : 'peerjs');
    this.#peer = new Peer(id, {
      host: server.host,
      port: server.port,
      path: server.path,
      key: server.key,
      secure: false,
      debug: 0,
      config: { iceServers: [] },
    });
    let opened = false;
    this.opened = new Promise((resolve, reject) => {
      this.#peer.on('open', () => {
        opened = true;
        resolve();
      });
      this.#peer.on('error', (error) => {
        const message = `${lib} peer ${id}: ${error.type ?? 'error'}: ${error.message}`;
        if (opened) hooks.onError(message);
        else reject(new Error(message));
      });
    });
    this.#peer.on('connection', (connection) => {
      hooks.onChannel(wrapConnection(connection));
    });
    this.#peer.on('call', (call) => {
      this.#calls.add(call);
      call.on('close', () => this.#calls.delete(call));
      let seen = false;
      call.on('stream', (stream) => {
        if (seen) return; // peerjs emits 'stream' once per track
        seen = true;
        hooks.onRemoteStream(call.peer, stream);
      });
      call.answer(hooks.localStream());
    });
  }

  connect(remoteId: string, serialization: Serialization): Promise<Channel> {
    if (this.lib === 'peerjs' && serialization === 'MsgPack') {
      return Promise.reject(new Error('peerjs.min.js 1.5.5 has no MsgPack serializer'));
    }
    const connection = this.#peer.connect(remoteId, { serialization, reliable: true });
    const channel = wrapConnection(connection);
    return new Promise((resolve, reject) => {
      connection.on('open', () => {
        resolve(channel);
      });
      connection.on('error', (error) => {
        reject(error);
      });
    });
  }

  call(remoteId: string, stream: MediaStream): Call {
    const call = this.#peer.call(remoteId, stream);
    this.#calls.add(call);
    call.on('close', () => this.#calls.delete(call));
    const remoteStream = new Promise<MediaStream>((resolve, reject) => {
      call.on('stream', resolve);
      call.on('error', reject);
    });
    return {
      peer: remoteId,
      remoteStream,
      close: () => {
        call.close();
      },
    };
  }

  closeCalls(): void {
    for (const call of [...this.#calls]) call.close();
    this.#calls.clear();
  }

  destroy(): void {
    this.closeCalls();
    this.#peer.destroy();
  }
}
