import { Agent, request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, startStaticServer, type StaticServer } from '../../support/staticServer';

interface Reply {
  status: number;
  type: string | undefined;
  body: string;
}

function get(server: StaticServer, path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('startStaticServer', () => {
  let dir: string;
  let server: StaticServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-static-'));
    await writeFile(join(dir, 'lib.js'), 'window.x = 1;');
    server = await startStaticServer({
      '/index.html': '<p>home</p>',
      '/data.bin': new Uint8Array([1, 2, 3]),
      '/lib.js': { file: join(dir, 'lib.js') },
      '/custom': { body: '{"a":1}', contentType: 'application/json' },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 at a free port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.url('/a.js')).toBe(`${server.origin}/a.js`);
  });

  it('serves memory and disk content with the right content types', async () => {
    expect(await get(server, '/index.html')).toEqual({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<p>home</p>',
    });
    expect(await get(server, '/')).toMatchObject({ status: 200, body: '<p>home</p>' });
    expect(await get(server, '/lib.js?v=2')).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      body: 'window.x = 1;',
    });
    expect(await get(server, '/data.bin')).toMatchObject({
      status: 200,
      type: 'application/octet-stream',
    });
    expect(await get(server, '/custom')).toMatchObject({
      type: 'application/json',
      body: '{"a":1}',
    });
  });

  it('reads disk files on each request and takes routes added later', async () => {
    await writeFile(join(dir, 'lib.js'), 'window.x = 2;');
    expect((await get(server, '/lib.js')).body).toBe('window.x = 2;');
    server.set('/late.css', 'p{}');
    expect(await get(server, '/late.css')).toMatchObject({
      status: 200,
      type: 'text/css; charset=utf-8',
    });
    expect(() => {
      server.set('no-slash', 'x');
    }).toThrow(/must start with/);
  });

  it('answers 404, 405, 400 and HEAD as HTTP says', async () => {
    expect(await get(server, '/missing.js')).toMatchObject({ status: 404 });
    expect(await get(server, '/index.html', 'POST')).toMatchObject({ status: 405 });
    expect(await get(server, '/%E0%A4%A')).toMatchObject({ status: 400 });
    expect(await get(server, '/index.html', 'HEAD')).toMatchObject({ status: 200, body: '' });
    server.set('/gone.js', { file: join(dir, 'does-not-exist.js') });
    expect(await get(server, '/gone.js')).toMatchObject({ status: 500 });
  });

  it('closes with keep-alive sockets open, and twice', async () => {
    const other = await startStaticServer({ '/a.txt': 'a' });
    const agent = new Agent({ keepAlive: true });
    const agentReq = request({ host: '127.0.0.1', port: other.port, path: '/a.txt', agent });
    await new Promise<void>((resolve) => {
      agentReq.on('response', (res) => {
        res.resume();
        res.on('end', resolve);
      });
      agentReq.end();
    });
    await other.close(); // resolves although the agent still holds the socket open
    await other.close();
    agent.destroy();
    await expect(get(other, '/a.txt')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('guesses content types from extensions', () => {
    expect(contentTypeFor('/x.MJS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x.wasm')).toBe('application/wasm');
    expect(contentTypeFor('/x')).toBe('application/octet-stream');
  });
});
