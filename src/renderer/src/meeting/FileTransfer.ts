/**
 * Files to and from participants. The sender offers a file on the control channel
 * (`file-offer`), then streams it in chunks over a DataConnection of its own (serialization
 * `raw`, reliable, label `parley-file:<fileId>`) with the peer core's byte backpressure; the
 * receiver reports progress (`file-chunk`) and either side may stop (`file-cancel`). Received
 * files are assembled into a Blob. One transfer per (participant, file).
 */
import type { DataConnection, Peer } from '../peer';
import { Emitter } from './Emitter';
import type { FileTransferEvents, FileTransferInfo } from './fileTypes';
import type { ControlMessage, FileOfferMessage } from './protocol';
import { LIMITS } from './protocol';

export const FILE_LABEL_PREFIX = 'parley-file:';
export const FILE_CHUNK_SIZE = 64 * 1024;
/** The receiver reports progress every this many chunks (and at the end). */
const PROGRESS_EVERY = 4;

interface Transfer {
  info: FileTransferInfo;
  conn: DataConnection | undefined;
  chunks: ArrayBuffer[];
  index: number;
  done: boolean;
}

export interface FileTransferDeps {
  peer: Peer;
  /** Sends a control message to a participant; false when its channel is not open. */
  send: (peerId: string, message: ControlMessage) => boolean;
}

export class FileTransfer extends Emitter<FileTransferEvents> {
  readonly #deps: FileTransferDeps;
  readonly #transfers = new Map<string, Transfer>();

  constructor(deps: FileTransferDeps) {
    super();
    this.#deps = deps;
  }

  /** Every transfer, in and out, still running or finished. */
  list(): FileTransferInfo[] {
    return [...this.#transfers.values()].map((t) => ({ ...t.info }));
  }

  /** Sends `file` to `peerId`; returns the transfer, or undefined when it cannot be offered. */
  send(peerId: string, fileId: string, file: Blob, name: string): FileTransferInfo | undefined {
    const offer: FileOfferMessage = {
      type: 'file-offer',
      fileId,
      name: name.slice(0, LIMITS.fileNameLength) || 'file',
      size: file.size,
      mime: file.type.slice(0, 255),
      chunkSize: FILE_CHUNK_SIZE,
    };
    if (file.size > LIMITS.fileSize || !this.#deps.send(peerId, offer)) return undefined;
    const t = this.#add(peerId, 'out', offer);
    const conn = this.#deps.peer.connect(peerId, {
      label: `${FILE_LABEL_PREFIX}${fileId}`,
      serialization: 'raw',
      reliable: true,
      metadata: { parley: 'file', fileId },
    });
    t.conn = conn;
    conn.on('open', () => {
      void this.#pump(t, conn, file);
    });
    this.#watch(t, conn);
    return { ...t.info };
  }

  /** Handles file-offer / file-chunk / file-cancel from `peerId`; false for other messages. */
  handle(peerId: string, message: ControlMessage): boolean {
    if (message.type === 'file-offer') {
      if (!this.#transfers.has(key(peerId, message.fileId))) this.#add(peerId, 'in', message);
      return true;
    }
    if (message.type === 'file-chunk') {
      const t = this.#transfers.get(key(peerId, message.fileId));
      if (t && t.info.direction === 'out' && !t.done) {
        t.info.bytes = Math.min(t.info.size, (message.index + 1) * FILE_CHUNK_SIZE);
        this.emit('progress', { ...t.info });
        if (t.info.bytes >= t.info.size) this.#finish(t, 'done');
      }
      return true;
    }
    if (message.type === 'file-cancel') {
      const t = this.#transfers.get(key(peerId, message.fileId));
      if (t) this.#finish(t, 'cancelled', message.reason);
      return true;
    }
    return false;
  }

  /** An incoming DataConnection labelled as a file; false when it is not one we expect. */
  accept(conn: DataConnection): boolean {
    if (!conn.label.startsWith(FILE_LABEL_PREFIX)) return false;
    const t = this.#transfers.get(key(conn.peer, conn.label.slice(FILE_LABEL_PREFIX.length)));
    if (!t || t.info.direction !== 'in' || t.conn || t.done) {
      conn.close({ flush: false });
      return true;
    }
    t.conn = conn;
    conn.on('data', (data) => {
      this.#onChunk(t, data);
    });
    this.#watch(t, conn);
    if (t.info.size === 0)
      conn.on('open', () => {
        this.#onChunk(t, new ArrayBuffer(0));
      });
    return true;
  }

  /** Stops a transfer (ours or incoming) and tells the other side. */
  cancel(transferId: string, reason = 'cancelled'): void {
    const t = this.#transfers.get(transferId);
    if (!t || t.done) return;
    this.#deps.send(t.info.peerId, { type: 'file-cancel', fileId: t.info.fileId, reason });
    this.#finish(t, 'cancelled', reason);
  }

  /** A participant left: its transfers fail. */
  forget(peerId: string): void {
    for (const t of this.#transfers.values()) {
      if (t.info.peerId === peerId && !t.done) this.#finish(t, 'failed', 'participant left');
    }
  }

  /** Stops everything. */
  dispose(): void {
    for (const t of this.#transfers.values()) if (!t.done) this.#finish(t, 'cancelled', 'left');
    this.#transfers.clear();
    this.removeAllListeners();
  }

  #add(peerId: string, direction: 'in' | 'out', offer: FileOfferMessage): Transfer {
    const info: FileTransferInfo = {
      id: key(peerId, offer.fileId),
      fileId: offer.fileId,
      peerId,
      direction,
      name: offer.name,
      size: offer.size,
      mime: offer.mime,
      bytes: 0,
      state: 'active',
    };
    const t: Transfer = { info, conn: undefined, chunks: [], index: -1, done: false };
    this.#transfers.set(info.id, t);
    this.emit('started', { ...info });
    return t;
  }

  async #pump(t: Transfer, conn: DataConnection, file: Blob): Promise<void> {
    for (let at = 0; at < file.size && !t.done; at += FILE_CHUNK_SIZE) {
      const chunk = await file.slice(at, at + FILE_CHUNK_SIZE).arrayBuffer();
      if (finished(t)) return; // cancelled while reading
      await conn.send(chunk);
    }
    if (file.size === 0) await conn.send(new ArrayBuffer(0));
  }

  #onChunk(t: Transfer, data: unknown): void {
    if (t.done || !(data instanceof ArrayBuffer)) return;
    t.chunks.push(data);
    t.index += 1;
    t.info.bytes += data.byteLength;
    if (t.info.bytes > t.info.size) {
      this.cancel(t.info.id, 'more data than offered');
      return;
    }
    const complete = t.info.bytes === t.info.size;
    if (complete || t.index % PROGRESS_EVERY === 0) {
      this.#deps.send(t.info.peerId, {
        type: 'file-chunk',
        fileId: t.info.fileId,
        index: complete ? Math.max(0, Math.ceil(t.info.size / FILE_CHUNK_SIZE) - 1) : t.index,
        bytes: data.byteLength,
      });
      this.emit('progress', { ...t.info });
    }
    if (complete) {
      const blob = new Blob(t.chunks, { type: t.info.mime });
      t.chunks = [];
      this.emit('received', { ...t.info }, blob);
      this.#finish(t, 'done');
    }
  }

  #watch(t: Transfer, conn: DataConnection): void {
    conn.on('close', () => {
      if (t.done) return;
      if (t.info.direction === 'in') {
        this.#finish(t, 'failed', 'connection closed');
        return;
      }
      // The receiver's last progress report travels on the control channel: give it a moment.
      setTimeout(() => {
        if (!t.done) this.#finish(t, 'failed', 'connection closed');
      }, 3000);
    });
    conn.on('error', (error) => {
      if (!t.done) this.#finish(t, 'failed', error.message);
    });
  }

  #finish(t: Transfer, state: 'done' | 'cancelled' | 'failed', reason?: string): void {
    if (t.done) return;
    t.done = true;
    t.chunks = [];
    t.info.state = state;
    if (reason !== undefined) t.info.reason = reason;
    const conn = t.conn;
    t.conn = undefined;
    conn?.close({ flush: state === 'done' });
    this.emit('ended', { ...t.info });
  }
}

function key(peerId: string, fileId: string): string {
  return `${peerId}/${fileId}`;
}

/** A function, so the check after an await is not narrowed away. */
function finished(t: Transfer): boolean {
  return t.done;
}
