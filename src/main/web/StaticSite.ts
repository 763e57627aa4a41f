/**
 * Serves a built web app (out/web) under the server path, for browser guests of `parley serve`:
 * only files listed at startup (scanSite), GET and HEAD, correct Content-Type, ETag revalidation,
 * immutable caching for hashed assets, the CSP on pages, and `{path}join/<code>` links redirected
 * to the app's hash route. Everything it does not know it leaves to the caller (returns false).
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebRootError } from './errors';
import { IMMUTABLE, PAGE_HEADERS, REVALIDATE, SECURITY_HEADERS } from './headers';
import { scanSite, type SiteFile } from './scanSite';

const INDEX = 'index.html';
const JOIN_LINK = /^join\/([A-Za-z0-9-]{1,64})\/?$/;

type Target =
  | { kind: 'file'; file: SiteFile; name: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'bad' };

export class StaticSite {
  private constructor(
    /** Folder served. */
    readonly root: string,
    /** Server path the app lives under ('/' or '/a/b/'). */
    readonly mountPath: string,
    private readonly files: ReadonlyMap<string, SiteFile>,
  ) {}

  /** Lists the folder; @throws WebRootError when it is missing or has no index.html. */
  static async load(root: string, mountPath: string): Promise<StaticSite> {
    let files: Map<string, SiteFile>;
    try {
      files = await scanSite(root);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new WebRootError(`cannot read the web app folder ${root}: ${code}`, { cause: err });
    }
    if (!files.has(INDEX)) {
      throw new WebRootError(`the web app folder ${root} has no ${INDEX} (build it first)`);
    }
    return new StaticSite(root, mountPath, files);
  }

  /** Number of files served. */
  get size(): number {
    return this.files.size;
  }

  /**
   * A browser opening the server path itself (`GET {path}` asking for HTML) gets the app; other
   * clients there keep the PeerJS server's JSON. Call before the signaling routes.
   */
  handleNavigation(req: IncomingMessage, res: ServerResponse): boolean {
    const accept = req.headers.accept ?? '';
    if (!accept.includes('text/html')) return false;
    const pathname = pathOf(req.url);
    if (pathname !== this.mountPath && `${pathname}/` !== this.mountPath) return false;
    return this.handle(req, res);
  }

  /** Serves a file of the app; false when the URL is not one of them. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const pathname = pathOf(req.url);
    if (`${pathname}/` === this.mountPath) {
      redirect(res, this.mountPath); // '/rtc' → '/rtc/', so relative asset URLs resolve
      return true;
    }
    if (!pathname.startsWith(this.mountPath)) return false;
    const target = this.resolve(pathname.slice(this.mountPath.length));
    if (target === undefined) return false;
    if (target.kind === 'bad') {
      sendText(res, 400, 'bad path');
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      return true;
    }
    if (target.kind === 'redirect') redirect(res, target.location);
    else sendFile(req, res, target.file, target.name);
    return true;
  }

  private resolve(relative: string): Target | undefined {
    const segments: string[] = [];
    for (const raw of relative.split('/')) {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        return { kind: 'bad' };
      }
      // Encoded separators, dot segments and NULs never name a file of the app.
      if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return { kind: 'bad' };
      segments.push(segment);
    }
    const name = segments.join('/');
    const join = JOIN_LINK.exec(name);
    if (join?.[1] !== undefined) {
      return { kind: 'redirect', location: `${this.mountPath}#/join/${join[1]}` };
    }
    const key = name === '' ? INDEX : name;
    const file = this.files.get(key);
    return file ? { kind: 'file', file, name: key } : undefined;
  }
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.search(/[?#]/);
  return q < 0 ? raw : raw.slice(0, q);
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: SiteFile, name: string): void {
  const isPage = file.contentType.startsWith('text/html');
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    ...(isPage ? PAGE_HEADERS : {}),
    'Content-Type': file.contentType,
    'Cache-Control': name.startsWith('assets/') ? IMMUTABLE : REVALIDATE,
    ETag: file.etag,
    'Last-Modified': file.lastModified,
  };
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...headers, 'Content-Length': file.size }).end();
    return;
  }
  const stream = createReadStream(file.file);
  stream.once('open', () => {
    res.writeHead(200, { ...headers, 'Content-Length': file.size });
    stream.pipe(res);
  });
  stream.once('error', () => {
    // The file went away after startup (a rebuild): say so rather than hang.
    if (res.headersSent) res.destroy();
    else sendText(res, 404, 'not found (the web app changed on disk: restart parley serve)');
  });
  res.once('close', () => {
    stream.destroy();
  });
}

function redirect(res: ServerResponse, location: string): void {
  res
    .writeHead(302, { Location: location, 'Cache-Control': 'no-store', ...SECURITY_HEADERS })
    .end();
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  res
    .writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      ...SECURITY_HEADERS,
      ...extra,
    })
    .end(text);
}
