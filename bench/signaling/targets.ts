/** Targets from the signaling-server issue, and `peer` 1.0.2's figures measured on this machine earlier. */
export const TARGETS = {
  /** Peers one server process must hold with no failure. */
  capacityPeers: 19_000,
  /** Parley's RSS per peer at most this fraction of peer's. */
  rssPerPeerRatio: 0.75,
  /** Parley's server CPU per relayed message at most this fraction of peer's. */
  cpuPerMsgRatio: 0.5,
  /** One-way p99 at 10,000 msg/s, ms, with nothing lost. */
  latencyP99Ms: 1,
  /** Parley's GET /id rate at least this multiple of peer's. */
  idRateRatio: 2,
} as const;

/** peer 1.0.2 measured earlier here (for orientation when only Parley runs). */
export const PEER_REFERENCE =
  'peer 1.0.2 reference (earlier run here): 10k peers at 7.7 KiB/peer, 0.15 ms CPU per connect, ' +
  '22.7 µs server CPU per relayed message, p99 2.8 ms at 10k msg/s, /id 4,400 req/s';
