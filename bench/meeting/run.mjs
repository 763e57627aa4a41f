#!/usr/bin/env node
/**
 * `npm run bench:meeting`: Parley's web app (served by the built `parley serve`) and a minimal
 * peerjs 1.5.5 mesh demo, meetings of 2-4 participants in one Chromium (see main.ts).
 *
 *   node scripts/in-netns.mjs node bench/meeting/run.mjs [--quick] [--repeat=N] [--max=4]
 *        [--libs=parley,peerjs] [--out=file.json]
 */
import { runBench } from '../lib/runBench.mjs';

await runBench('meeting', { main: 'bench/meeting/main.ts' });
