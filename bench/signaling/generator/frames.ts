/**
 * Realistic signaling frames: an OFFER as peerjs 1.5 sends it for a data connection, with a
 * ~1 KB SDP, plus two benchmark fields in the payload (`seq`, `t`).
 */

const SDP_LINES = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  'a=ice-ufrag:Vq2x',
  'a=ice-pwd:n4Gz1Dq8fPpW0vV2zR5c3YtB',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08',
  'a=setup:actpass',
  'a=mid:0',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
  'a=candidate:1467250027 1 udp 2122260223 192.168.1.23 54400 typ host generation 0 network-id 1',
  'a=candidate:1467250027 1 udp 2122260223 192.168.1.23 54401 typ host generation 0 network-id 2',
  'a=candidate:435653019 1 tcp 1845501695 192.168.1.23 9 typ host tcptype active generation 0',
  'a=candidate:3237485519 1 udp 1686052607 203.0.113.7 54400 typ srflx raddr 192.168.1.23 rport 54400',
];

/** The SDP text (CRLF line ends, as browsers produce), about 900 bytes. */
export const FAKE_SDP = SDP_LINES.join('\r\n') + '\r\n';

/** Builds the frame `from` sends to `dst` with sequence number `seq` and send time `t` (ms). */
export type OfferFrame = (seq: number, t: number) => string;

/** Returns a fast OFFER frame builder for one sender → receiver pair (≈1.1 KB per frame). */
export function offerFrame(dst: string, connectionId: string): OfferFrame {
  const marker = '"seq":-1,"t":-2';
  const json = JSON.stringify({
    type: 'OFFER',
    dst,
    payload: {
      sdp: { type: 'offer', sdp: FAKE_SDP },
      type: 'data',
      connectionId,
      label: connectionId,
      reliable: true,
      serialization: 'binary',
      browser: 'chrome',
      seq: -1,
      t: -2,
    },
  });
  const at = json.indexOf(marker);
  const head = json.slice(0, at);
  const tail = json.slice(at + marker.length);
  return (seq, t) => `${head}"seq":${seq},"t":${t}${tail}`;
}

/** What a receiver reads back from a relayed frame; undefined when the frame is not one of ours. */
export interface RelayedOffer {
  readonly src: string;
  readonly dst: string;
  readonly seq: number;
  readonly t: number;
}

/** Parses a relayed OFFER frame. Never throws. */
export function parseRelayedOffer(data: string): RelayedOffer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, src, dst, payload } = value as Record<string, unknown>;
  if (type !== 'OFFER' || typeof src !== 'string' || typeof dst !== 'string') return undefined;
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { seq, t } = payload as Record<string, unknown>;
  if (typeof seq !== 'number' || typeof t !== 'number') return undefined;
  return { src, dst, seq, t };
}
