/**
 * The measurements, one function per metric. Implementations are interleaved inside every
 * repeat (Parley, peerjs, raw, Parley, …) so that the noise of a shared machine hits them alike.
 * A failure is recorded for its implementation and metric, never thrown: the table then says
 * 'n/a (error: …)'.
 */
import type { Metric } from '../config';
import { call, mesh } from './media';
import { connect, open, rtt } from './setup';
import { bulk, single } from './transfers';

import type { PhaseContext } from './common';

export type { PhaseContext };

export const PHASES: Record<Metric, (ctx: PhaseContext) => Promise<void>> = {
  open,
  connect,
  rtt,
  bulk,
  single,
  call,
  mesh,
};
