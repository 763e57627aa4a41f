/**
 * Lists the files of a built web app once, at startup: the static server answers only for
 * these URL paths, so no request can name a file outside the folder (`..`, encoded slashes,
 * symlinks and dot files never make it into the list).
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { contentTypeOf } from './mimeTypes';

export interface SiteFile {
  /** Absolute path on disk. */
  readonly file: string;
  readonly size: number;
  readonly contentType: string;
  /** Strong validator from size and modification time. */
  readonly etag: string;
  readonly lastModified: string;
}

/** Folders deeper than this are not listed (a built app is two levels deep). */
const MAX_DEPTH = 8;
/** A plain URL path segment: no dot files, no separators, no control characters. */
const SAFE_SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~@+-]*$/;

/** URL path (relative, '/'-separated, e.g. 'assets/index-abc.js') → file. */
export async function scanSite(root: string): Promise<Map<string, SiteFile>> {
  const files = new Map<string, SiteFile>();
  await walk(root, '', 0, files);
  return files;
}

async function walk(
  dir: string,
  prefix: string,
  depth: number,
  files: Map<string, SiteFile>,
): Promise<void> {
  if (depth > MAX_DEPTH) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!SAFE_SEGMENT.test(entry.name)) continue;
    const file = join(dir, entry.name);
    const urlPath = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      await walk(file, `${urlPath}/`, depth + 1, files);
    } else if (entry.isFile()) {
      const stat = await lstat(file);
      files.set(urlPath, {
        file,
        size: stat.size,
        contentType: contentTypeOf(entry.name),
        etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
        lastModified: stat.mtime.toUTCString(),
      });
    }
    // Symlinks, sockets and devices are never served.
  }
}
