/**
 * The settings "Test" button: gathers ICE candidates with a temporary RTCPeerConnection against
 * the configured STUN/TURN servers and reports what was found (host, srflx = STUN works,
 * relay = TURN works) and what failed (icecandidateerror, e.g. 401 for bad TURN credentials).
 * Has its own timeout, because an unreachable UDP server reports nothing for ~40 s.
 */
export interface IceTestResult {
  /** Candidate types found, counted. */
  found: { host: number; srflx: number; relay: number; prflx: number };
  /** Errors the servers returned, e.g. `turn:10.0.0.1:3478 → 401 Unauthorized`. */
  errors: { url: string; code: number; text: string }[];
  /** True when gathering finished before the timeout. */
  complete: boolean;
  elapsedMs: number;
  /** One line fit to show. */
  summary: string;
}

export interface IceTestOptions {
  timeoutMs?: number;
  /** Injected for tests; defaults to the global RTCPeerConnection. */
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
}

export async function testIceServers(
  iceServers: RTCIceServer[],
  options: IceTestOptions = {},
): Promise<IceTestResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const create =
    options.createPeerConnection ?? ((c: RTCConfiguration) => new RTCPeerConnection(c));
  const started = performance.now();
  const found = { host: 0, srflx: 0, relay: 0, prflx: 0 };
  const errors: IceTestResult['errors'] = [];
  const wantsRelay = iceServers.some((s) =>
    (Array.isArray(s.urls) ? s.urls : [s.urls]).some((u) => /^turns?:/i.test(u)),
  );
  const wantsSrflx = iceServers.some((s) =>
    (Array.isArray(s.urls) ? s.urls : [s.urls]).some((u) => /^stuns?:/i.test(u)),
  );
  const pc = create({ iceServers, iceCandidatePoolSize: 0 });
  let complete = false;
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        complete = true;
        resolve();
      };
      pc.addEventListener('icecandidate', (e) => {
        if (!e.candidate) {
          done();
          return;
        }
        const type = e.candidate.type;
        if (type && type in found) found[type] += 1;
        // Everything asked for has answered: no need to wait for the slow end of gathering.
        if (
          (!wantsRelay || found.relay > 0) &&
          (!wantsSrflx || found.srflx > 0) &&
          found.host > 0
        ) {
          if (wantsRelay || wantsSrflx) done();
        }
      });
      pc.addEventListener('icecandidateerror', (e) => {
        errors.push({ url: e.url, code: e.errorCode, text: e.errorText });
      });
      pc.createDataChannel('ice-test');
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch((error: unknown) => {
          errors.push({
            url: '',
            code: 0,
            text: error instanceof Error ? error.message : String(error),
          });
          done();
        });
    });
  } finally {
    pc.close();
  }
  const elapsedMs = Math.round(performance.now() - started);
  return {
    found,
    errors,
    complete,
    elapsedMs,
    summary: summarize(found, errors, complete, wantsRelay, wantsSrflx),
  };
}

function summarize(
  found: IceTestResult['found'],
  errors: IceTestResult['errors'],
  complete: boolean,
  wantsRelay: boolean,
  wantsSrflx: boolean,
): string {
  const parts: string[] = [];
  if (wantsRelay) parts.push(found.relay > 0 ? 'TURN relay works' : 'no TURN relay candidate');
  if (wantsSrflx || (wantsRelay && found.srflx > 0)) {
    parts.push(found.srflx > 0 ? 'STUN works (public address found)' : 'no STUN (srflx) candidate');
  }
  if (!wantsRelay && !wantsSrflx)
    parts.push(`no STUN/TURN servers: ${found.host} local candidate(s)`);
  const auth = errors.find((e) => e.code === 401);
  if (auth) parts.push('TURN rejected the username or credential (401)');
  else if (errors[0]) {
    const e = errors[0];
    parts.push(`error ${e.code}${e.text ? ` ${e.text}` : ''}${e.url ? ` from ${e.url}` : ''}`);
  }
  if (!complete && ((wantsRelay && found.relay === 0) || (wantsSrflx && found.srflx === 0))) {
    parts.push('timed out waiting for the server');
  }
  return parts.join('; ');
}
