#!/usr/bin/env node
/**
 * `npm run bench:signaling`: the same load against Parley's signaling server and the official
 * `peer` 1.0.2 server, each in its own process, and a table of the results (see main.ts).
 *
 *   node bench/signaling/run.mjs [--quick] [--only=connect,capacity,relay,latency,http]
 *                                [--servers=parley,peer] [--out=file.json] [--profile]
 */
import { runBench } from '../lib/runBench.mjs';

await runBench('signaling', {
  main: 'bench/signaling/main.ts',
  generator: 'bench/signaling/generator/main.ts',
  parleyServer: 'bench/signaling/servers/parleyServer.ts',
  peerServer: 'bench/signaling/servers/peerServer.ts',
});
