/** Messages between the signaling benchmark's orchestrator and its load generator processes. */

/** Connect `count` clients with ids `<prefix><n>`, `concurrency` handshakes in flight. */
export interface ConnectArg {
  /** Server base URL, e.g. 'ws://127.0.0.1:9000/' (the generator appends 'peerjs?…'). */
  readonly url: string;
  readonly prefix: string;
  readonly count: number;
  readonly concurrency: number;
}

export interface ConnectResult {
  /** Clients that got OPEN. */
  readonly opened: number;
  /** Clients that got anything else (ERROR, close, socket error, timeout). */
  readonly failed: number;
  /** Failures by reason, e.g. { 'ERROR: Server has reached its concurrent user limit': 3 }. */
  readonly failures: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
}

/** The generator's clients right now. */
export interface PoolStatus {
  readonly total: number;
  /** Sockets still open (the server has not closed them). */
  readonly open: number;
}

/** Pair up `pairs` × 2 new clients: client 2k sends to client 2k+1. */
export type PairsArg = Omit<ConnectArg, 'count'> & { readonly pairs: number };

/** Every sender sends OFFER frames to its partner as fast as an end-to-end window allows. */
export interface RelayArg {
  readonly durationMs: number;
  /** Frames a pair may have in flight (sent, not yet received). */
  readonly window: number;
  /** Parse and check every n-th received frame (type, src, dst, sequence). */
  readonly checkEvery: number;
}

export interface RelayResult {
  readonly sent: number;
  readonly received: number;
  /** Frames checked, and of those with a wrong type/src/dst or out of order. */
  readonly checked: number;
  readonly badFrames: number;
  /** From the first send to the last frame received, ms. */
  readonly elapsedMs: number;
  /** Generator CPU time over the run, µs. */
  readonly generatorCpuUs: number;
}

/** Paced sends, round-robin over the pairs, each frame stamped with its send time. */
export interface LatencyArg {
  readonly durationMs: number;
  /** Frames per second this generator sends (over all its pairs). */
  readonly ratePerSec: number;
}

export interface LatencyResult {
  readonly sent: number;
  readonly received: number;
  readonly badFrames: number;
  /** One-way latency of every received frame, ms. */
  readonly latenciesMs: Float64Array;
  /** How late each 1-ms pacing timer of the sender fired, ms (the process's scheduling delay). */
  readonly timerLatenessMs: Float64Array;
  /** From the first send to the last, ms (longer than the duration when the sender fell behind). */
  readonly sendSpanMs: number;
  readonly elapsedMs: number;
  readonly generatorCpuUs: number;
}

/** Keep-alive GETs of `url` with `concurrency` requests in flight for `durationMs`. */
export interface HttpArg {
  readonly url: string;
  readonly concurrency: number;
  readonly durationMs: number;
}

export interface HttpResult {
  /** 200 responses with a non-empty body. */
  readonly ok: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly generatorCpuUs: number;
}

/** Methods of a generator process. */
export type GeneratorMethods = {
  connect: { arg: ConnectArg; result: ConnectResult };
  status: { arg: null; result: PoolStatus };
  makePairs: { arg: PairsArg; result: ConnectResult };
  relay: { arg: RelayArg; result: RelayResult };
  latency: { arg: LatencyArg; result: LatencyResult };
  http: { arg: HttpArg; result: HttpResult };
  /** Closes every client (abruptly: the server is stopped right after). */
  closeAll: { arg: null; result: null };
};
