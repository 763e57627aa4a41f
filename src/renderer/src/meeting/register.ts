/**
 * Joins the meeting's signaling server with the fewest round trips one after another: our Peer's
 * registration (ws open), the member list (`GET {path}{key}/peers`) and the server's config
 * (`GET {path}parley/config`: its ICE servers and key) all start at once. The config is skipped
 * when the request already carries it (the web lobby read it); its ICE servers complete the
 * Peer's RTCConfiguration before anyone is dialed. A config naming another key than the one we
 * assumed (an http link guesses `peerjs`) means registering and listing again with that key.
 */
import type { Peer } from '../peer';
import type { SignalingServer } from './engine';
import { mergeIceServers, readServerConfig } from './MeetingServers';
import { MemberLookup } from './MemberLookup';
import { openPeer } from './openPeer';

export interface RegisterOptions {
  id: string;
  /** Members are the ids with this prefix (ours left out). */
  prefix: string;
  server: SignalingServer;
  /** The request's ICE servers (the user's; and the server's when `configKnown`). */
  iceServers: readonly RTCIceServer[];
  /** The request's server and ICE servers already are what the server's config says. */
  configKnown: boolean;
  fetch?: typeof fetch | undefined;
  log?: ((message: string, detail?: unknown) => void) | undefined;
}

export interface Registration {
  peer: Peer;
  /** The server as registered on (with the key its config names). */
  server: SignalingServer;
  lookup: MemberLookup;
  /** The members listed when we registered (awaited by the caller; may reject). */
  members: Promise<string[]>;
}

/** @throws MeetingError from openPeer (server unreachable, id taken, timeout). */
export async function register(o: RegisterOptions): Promise<Registration> {
  const rtcConfig: RTCConfiguration = { iceServers: mergeIceServers(o.iceServers) };
  const fetchOption = o.fetch ? { fetch: o.fetch } : {};
  const start = (server: SignalingServer) => {
    const lookup = new MemberLookup(server, fetchOption);
    const members = lookup.members(o.prefix, o.id);
    members.catch(() => undefined); // awaited by the caller, after the Peer
    const peer = openPeer({ id: o.id, server, rtcConfig });
    peer.catch(() => undefined); // awaited below, once the config is in
    return { server, lookup, members, peer };
  };
  let attempt = start(o.server);
  if (!o.configKnown) {
    const config = await readServerConfig(o.server, { ...fetchOption, log: o.log });
    rtcConfig.iceServers = mergeIceServers(o.iceServers, config.iceServers);
    if (config.key && config.key !== o.server.key) {
      attempt.peer.then(
        (peer) => {
          peer.destroy();
        },
        () => undefined,
      );
      attempt = start({ ...o.server, key: config.key });
    }
  }
  const { server, lookup, members } = attempt;
  return { peer: await attempt.peer, server, lookup, members };
}
