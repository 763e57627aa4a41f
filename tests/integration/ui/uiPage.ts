/**
 * Shared setup for the UI tests: serves a built demo page (see ./buildRenderer.ts) from a static
 * server for the lifetime of a describe block, and the screenshots folder.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startStaticServer, type StaticContent, type StaticServer } from '../../support';

export const SHOTS = resolve(import.meta.dirname, '../../../test-results/screenshots');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Builds a demo page and serves it for the enclosing describe block; returns a getter for the
 * server. With `webHost`, also serves what the web host bridge reads (/health, /parley/config).
 */
export function useDemoServer(
  build: () => Promise<string>,
  { webHost = false }: { webHost?: boolean } = {},
): () => StaticServer {
  let server: StaticServer;

  beforeAll(async () => {
    const out = await build();
    const routes: Record<string, StaticContent> = {};
    for (const file of filesUnder(out)) routes[`/${relative(out, file)}`] = { file };
    if (webHost) {
      routes['/health'] = {
        body: '{"status":"ok","version":"test"}',
        contentType: 'application/json',
      };
      // The web host bridge reads the meeting server from {path}parley/config on join.
      routes['/parley/config'] = {
        body: JSON.stringify({ iceServers: [], path: '/', key: 'peerjs' }),
        contentType: 'application/json',
      };
    }
    server = await startStaticServer(routes);
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await server.close();
  });

  return () => server;
}
