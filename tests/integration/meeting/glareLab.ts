/**
 * In-page driver of the camera-call glare test (bundled as global `GlareLab`): two Peers in one
 * page, a PeerLink each way, both dial (control channel + camera call at once) with a chosen
 * offset, and we report which camera call each side kept.
 */
import type { SignalingServer } from '../../../src/renderer/src/meeting/engine';
import { LocalMedia } from '../../../src/renderer/src/meeting/LocalMedia';
import { MeetingIds } from '../../../src/renderer/src/meeting/MeetingIds';
import { openPeer } from '../../../src/renderer/src/meeting/openPeer';
import { PeerLink } from '../../../src/renderer/src/meeting/PeerLink';
import type { Peer } from '../../../src/renderer/src/peer';

export interface GlareSide {
  id: string;
  media: number;
  ended: number;
  calls: number;
  state: string | null;
  /** ICE ufrag of our end and of the remote end of the camera call we hold. */
  localUfrag: string | null;
  remoteUfrag: string | null;
}

const held: { peers: Peer[]; links: PeerLink[]; media: LocalMedia[] } = {
  peers: [],
  links: [],
  media: [],
};

function ufrag(sdp: string | undefined): string | null {
  return /a=ice-ufrag:(\S+)/.exec(sdp ?? '')?.[1] ?? null;
}

/** Opens two Peers of one meeting and has both dial each other, `offsetMs` apart. */
async function run(server: SignalingServer, code: string, offsetMs: number): Promise<void> {
  const prefix = MeetingIds.prefix(code);
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const ids = [`${prefix}${MeetingIds.randomSuffix()}`, `${prefix}${MeetingIds.randomSuffix()}`];
  const peers = await Promise.all(
    ids.map((id) => openPeer({ id, server, rtcConfig: { iceServers: [] } })),
  );
  const [pa, pb] = peers;
  const [ia, ib] = ids;
  if (!pa || !pb || !ia || !ib) throw new Error('no peers');
  const make = (peer: Peer, self: string, remote: string): PeerLink => {
    const media = new LocalMedia(canvas.captureStream(10));
    const link = new PeerLink(remote, self, peer, media);
    peer.on('connection', (conn) => {
      link.acceptControl(conn);
    });
    peer.on('call', (call) => {
      calls.set(link, (calls.get(link) ?? 0) + 1);
      link.acceptCall(call);
    });
    link.on('media', () => {
      counts.set(link, { ...(counts.get(link) ?? { media: 0, ended: 0 }), media: 1 });
    });
    link.on('media-ended', () => {
      const c = counts.get(link) ?? { media: 0, ended: 0 };
      counts.set(link, { ...c, ended: c.ended + 1 });
    });
    link.on('control-open', () => {
      link.ensureCameraCall();
    });
    held.media.push(media);
    return link;
  };
  const a = make(pa, ia, ib);
  const b = make(pb, ib, ia);
  held.peers.push(pa, pb);
  held.links.push(a, b);
  a.dial();
  if (offsetMs > 0) await new Promise((r) => setTimeout(r, offsetMs));
  b.dial();
}

const calls = new Map<PeerLink, number>();
const counts = new Map<PeerLink, { media: number; ended: number }>();

function report(): GlareSide[] {
  return held.links.map((link) => {
    const pc = link.cameraPc;
    return {
      id: link.remoteId,
      media: counts.get(link)?.media ?? 0,
      ended: counts.get(link)?.ended ?? 0,
      calls: calls.get(link) ?? 0,
      state: pc?.connectionState ?? null,
      localUfrag: ufrag(pc?.localDescription?.sdp),
      remoteUfrag: ufrag(pc?.remoteDescription?.sdp),
    };
  });
}

function reset(): void {
  for (const link of held.links) link.close();
  for (const peer of held.peers) peer.destroy();
  for (const media of held.media) media.dispose();
  held.links = [];
  held.peers = [];
  held.media = [];
  calls.clear();
  counts.clear();
}

export const lab = { run, report, reset };
