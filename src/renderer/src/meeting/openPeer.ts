/**
 * Registers our id on the meeting's signaling server: resolves with the open Peer, or rejects
 * with a MeetingError saying why (server unreachable, id taken, timeout). The Peer reconnects by
 * itself afterwards (same id and token) when the server goes away and comes back.
 */
import { Peer, util, type PeerError, type PeerErrorType } from '../peer';
import { MeetingError, type SignalingServer } from './engine';

export interface OpenPeerOptions {
  id: string;
  server: SignalingServer;
  /**
   * The RTCPeerConnection configuration, used by reference: its `iceServers` may still be
   * completed (e.g. with the server's, read meanwhile) until the first connection is made.
   */
  rtcConfig: RTCConfiguration;
  /** Give up after this many ms. Default 10 000. */
  timeoutMs?: number;
}

export function openPeer(options: OpenPeerOptions): Promise<Peer> {
  const { server } = options;
  const where = `${server.host}:${server.port}`;
  const peer = new Peer(options.id, {
    host: server.host,
    port: server.port,
    path: server.path,
    key: server.key,
    secure: server.secure,
    token: util.randomToken(),
    config: options.rtcConfig,
    connectTimeout: 15_000,
    reconnectMaxDelay: 5_000,
  });
  return new Promise<Peer>((resolve, reject) => {
    const done = (error?: MeetingError): void => {
      clearTimeout(timer);
      peer.off('open', onOpen);
      peer.off('error', onError);
      if (!error) {
        resolve(peer);
        return;
      }
      peer.destroy();
      reject(error);
    };
    const onOpen = (): void => {
      done();
    };
    const onError = (error: PeerError<PeerErrorType>): void => {
      if (error.type === 'unavailable-id') {
        done(
          new MeetingError('peer-failed', `Our id is taken on ${where}; try again.`, {
            cause: error,
          }),
        );
      } else {
        done(
          new MeetingError(
            'server-unreachable',
            `The meeting server at ${where} cannot be reached (${error.message}).`,
            { cause: error },
          ),
        );
      }
    };
    const timer = setTimeout(() => {
      done(
        new MeetingError('server-unreachable', `The meeting server at ${where} did not answer.`),
      );
    }, options.timeoutMs ?? 10_000);
    peer.on('open', onOpen);
    peer.on('error', onError);
  });
}
