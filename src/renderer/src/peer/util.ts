import { isValidPeerId } from '../../../shared/signaling-protocol';

/** What the browser supports (the PeerJS `util.supports` shape). */
export interface UtilSupports {
  browser: boolean;
  webRTC: boolean;
  audioVideo: boolean;
  data: boolean;
  binaryBlob: boolean;
  reliable: boolean;
}

function detectBrowser(): { name: string; version: number } {
  if (typeof navigator === 'undefined') return { name: 'Not a browser.', version: 0 };
  const ua = navigator.userAgent;
  const pick = (re: RegExp): number => Number(re.exec(ua)?.[1] ?? 0);
  if (/Edg\//.test(ua)) return { name: 'chrome', version: pick(/Edg\/(\d+)/) };
  if (/Firefox\//.test(ua)) return { name: 'firefox', version: pick(/Firefox\/(\d+)/) };
  if (/Chrom(e|ium)\//.test(ua)) return { name: 'chrome', version: pick(/Chrom(?:e|ium)\/(\d+)/) };
  if (/Safari\//.test(ua)) return { name: 'safari', version: pick(/AppleWebKit\/(\d+)/) };
  return { name: 'Not a supported browser.', version: 0 };
}

function probeSupports(browserName: string): UtilSupports {
  const supports: UtilSupports = {
    browser: ['chrome', 'firefox', 'safari'].includes(browserName),
    webRTC: typeof RTCPeerConnection !== 'undefined',
    audioVideo: false,
    data: false,
    binaryBlob: false,
    reliable: false,
  };
  if (!supports.webRTC) return supports;
  let pc: RTCPeerConnection | undefined;
  try {
    pc = new RTCPeerConnection({ iceServers: [] });
    supports.audioVideo = typeof pc.addTrack === 'function';
    const dc = pc.createDataChannel('_PARLEYTEST', { ordered: true });
    supports.data = true;
    supports.reliable = dc.ordered;
    try {
      dc.binaryType = 'blob';
      supports.binaryBlob = true;
    } catch {
      supports.binaryBlob = false;
    }
    dc.close();
  } catch {
    // Whatever threw is unsupported; the flags set so far stand.
  } finally {
    pc?.close();
  }
  return supports;
}

/** Random token as PeerJS makes them (base 36), from the CSPRNG. */
function randomToken(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 11);
}

const browser = detectBrowser();
let supportsCache: UtilSupports | undefined;

/** Browser facts and small helpers, shaped like PeerJS's `util`. */
export const util = {
  /** `chrome`, `firefox`, `safari`, `Not a supported browser.` or `Not a browser.`. */
  browser: browser.name,
  browserVersion: browser.version,
  /** The largest chunk PeerJS's binary serialization puts in one frame. */
  chunkedMTU: 16300,
  /** Probed on first read (it creates and closes an RTCPeerConnection). */
  get supports(): UtilSupports {
    supportsCache ??= probeSupports(browser.name);
    return supportsCache;
  },
  /** PeerJS id rule (empty ids allowed: the server assigns one). */
  validateId(id: string): boolean {
    return id === '' || isValidPeerId(id);
  },
  randomToken,
  isSecure(): boolean {
    return typeof location !== 'undefined' && location.protocol === 'https:';
  },
};
