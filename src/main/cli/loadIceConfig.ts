/** Reads the --ice-config JSON file. */
import { readFile } from 'node:fs/promises';
import { IceConfigError, validateIceServers, type IceServer } from '../../shared/ice';
import { UsageError } from './errors';

/** Largest config file read (a list of ICE servers is a few hundred bytes). */
const MAX_FILE_BYTES = 1024 * 1024;

/** Reads and validates `file`: `[RTCIceServer, …]` or `{ "iceServers": [ … ] }`. */
export async function loadIceConfig(file: string): Promise<IceServer[]> {
  let text: string;
  try {
    const data = await readFile(file);
    if (data.byteLength > MAX_FILE_BYTES) throw new Error('file is larger than 1 MiB');
    text = data.toString('utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError(`--ice-config ${file}: cannot read (${reason})`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--ice-config ${file}: not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  try {
    return validateIceServers(json);
  } catch (err) {
    if (!(err instanceof IceConfigError)) throw err;
    throw new UsageError(`--ice-config ${file}: ${err.message}`, { cause: err });
  }
}
