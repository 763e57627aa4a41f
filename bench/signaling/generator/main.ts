/**
 * Load generator child process of the signaling benchmark: holds benchmark clients and runs the
 * loads the orchestrator asks for (see `GeneratorMethods`).
 */
import { serveRpc } from '../../lib/serveRpc';
import type { GeneratorMethods } from '../types';
import { ClientPool } from './ClientPool';
import { HttpLoad } from './HttpLoad';
import { LatencyLoad } from './LatencyLoad';
import { Pair } from './Pair';
import { RelayLoad } from './RelayLoad';
import { BenchError } from '../../lib/errors';

const pool = new ClientPool();
let pairs: Pair[] = [];

const needPairs = (): Pair[] => {
  if (pairs.length === 0) throw new BenchError('load', 'no pairs: call makePairs first');
  return pairs;
};

serveRpc<GeneratorMethods>(
  {
    connect: async (arg) => (await pool.connect(arg)).result,
    status: () => pool.status(),
    makePairs: async ({ pairs: count, ...arg }) => {
      const { result, clients } = await pool.connect({ ...arg, count: count * 2 });
      pairs = [];
      for (let i = 0; i + 1 < clients.length; i += 2)
        pairs.push(new Pair(clients[i]!, clients[i + 1]!));
      return result;
    },
    relay: (arg) => new RelayLoad(needPairs()).run(arg),
    latency: (arg) => new LatencyLoad(needPairs()).run(arg),
    http: (arg) => new HttpLoad().run(arg),
    closeAll: async () => {
      pairs = [];
      await pool.closeAll();
      return null;
    },
  },
  { pid: process.pid },
);
