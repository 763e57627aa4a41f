import { Agent, get } from 'node:http';
import type { HttpArg, HttpResult } from '../types';

/** Closed-loop HTTP load: `concurrency` keep-alive connections, each sending its next GET as soon as the previous answer is read. */
export class HttpLoad {
  async run(arg: HttpArg): Promise<HttpResult> {
    const agent = new Agent({ keepAlive: true, maxSockets: arg.concurrency });
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const deadline = started + arg.durationMs;
    let ok = 0;
    let failed = 0;

    const one = (): Promise<void> =>
      new Promise((resolve) => {
        const req = get(arg.url, { agent }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          res.on('end', () => {
            if (res.statusCode === 200 && bytes > 0) ok++;
            else failed++;
            resolve();
          });
          res.on('error', () => {
            failed++;
            resolve();
          });
        });
        req.on('error', () => {
          failed++;
          resolve();
        });
      });

    const loop = async (): Promise<void> => {
      while (performance.now() < deadline) await one();
    };
    await Promise.all(Array.from({ length: arg.concurrency }, loop));
    const elapsedMs = performance.now() - started;
    agent.destroy();
    const cpu = process.cpuUsage(cpuStart);
    return { ok, failed, elapsedMs, generatorCpuUs: cpu.user + cpu.system };
  }
}
