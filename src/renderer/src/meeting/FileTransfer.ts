/**
 * Files to and from participants, with the receiver's consent. The sender offers a file on the
 * control channel (`file-offer`); the receiver's UI shows the offer and nothing is transferred
 * until it answers `file-accept` (or `file-decline`; offers nobody answers expire). After an
 * accept the sender streams the file in chunks over a DataConnection of its own (serialization
 * `raw`, reliable, label `parley-file:<fileId>`) with the peer core's byte backpressure; the
 * receiver reports progress (`file-chunk`) and either side may stop (`file-cancel`).
 *
 * Received files are assembled into a Blob in memory, so what is held is capped: no single file
 * over `memoryLimit` is offered or accepted, and accepting is refused while the incoming files
 * already accepted would exceed it together. One transfer per (participant, file).
 */
import type { DataConnection, Peer } from '../peer';
import { Emitter } from './Emitter';
import type { FileTransferEvents, FileTransferInfo, FileTransferState } from './fileTypes';
import type { ControlMessage, FileOfferMessage } from './protocol';
import { LIMITS } from './protocol';

export const FILE_LABEL_PREFIX = 'parley-file:';
export const FILE_CHUNK_SIZE = 64 * 1024;
/** Most bytes of incoming files held in memory at once (and the largest file sent). */
export const FILE_MEMORY_LIMIT = 512 * 1024 * 1024;
/** An offer nobody answers is withdrawn after this long. */
export const FILE_OFFER_TTL_MS = 2 * 60 * 1000;
/** The sender waits this much longer than the receiver's expiry, for its decline to arrive. */
const SENDER_GRACE_MS = 10_000;
/** The receiver reports progress every this many chunks (and at the end). */
const PROGRESS_EVERY = 4;

interface Transfer {
  info: FileTransferInfo;
  conn: DataConnection | undefined;
  /** Ours, until it is sent (or the transfer ends). */
  file: Blob | undefined;
  chunks: ArrayBuffer[];
  index: number;
  done: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export interface FileTransferDeps {
  peer: Peer;
  /** Sends a control message to a participant; false when its channel is not open. */
  send: (peerId: string, message: ControlMessage) => boolean;
  /** Default FILE_MEMORY_LIMIT. */
  memoryLimit?: number;
  /** Default FILE_OFFER_TTL_MS. */
  offerTtlMs?: number;
}

/** A size in MiB for messages ("512 MiB"). */
export function formatMiB(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

export class FileTransfer extends Emitter<FileTransferEvents> {
  readonly #deps: FileTransferDeps;
  readonly #limit: number;
  readonly #ttl: number;
  readonly #transfers = new Map<string, Transfer>();

  constructor(deps: FileTransferDeps) {
    super();
    this.#deps = deps;
    this.#limit = deps.memoryLimit ?? FILE_MEMORY_LIMIT;
    this.#ttl = deps.offerTtlMs ?? FILE_OFFER_TTL_MS;
  }

  /** Every transfer, in and out, offered, running or finished. */
  list(): FileTransferInfo[] {
    return [...this.#transfers.values()].map((t) => ({ ...t.info }));
  }

  /**
   * Offers `file` to `peerId` (bytes go only after it accepts); returns the transfer, or
   * undefined when it cannot be offered (too large, or no open channel).
   */
  send(peerId: string, fileId: string, file: Blob, name: string): FileTransferInfo | undefined {
    const offer: FileOfferMessage = {
      type: 'file-offer',
      fileId,
      name: name.slice(0, LIMITS.fileNameLength) || 'file',
      size: file.size,
      mime: file.type.slice(0, 255),
      chunkSize: FILE_CHUNK_SIZE,
    };
    if (file.size > this.#limit || !this.#deps.send(peerId, offer)) return undefined;
    const t = this.#add(peerId, 'out', offer);
    t.file = file;
    t.timer = setTimeout(() => {
      this.#finish(t, 'expired', 'no answer');
    }, this.#ttl + SENDER_GRACE_MS);
    this.emit('started', { ...t.info });
    return { ...t.info };
  }

  /** Handles the file-* control messages from `peerId`; false for other messages. */
  handle(peerId: string, message: ControlMessage): boolean {
    switch (message.type) {
      case 'file-offer':
        if (!this.#transfers.has(key(peerId, message.fileId))) this.#offered(peerId, message);
        return true;
      case 'file-accept': {
        const t = this.#outgoing(peerId, message.fileId);
        if (t?.info.state === 'offered') this.#start(t);
        return true;
      }
      case 'file-decline': {
        const t = this.#outgoing(peerId, message.fileId);
        if (t?.info.state === 'offered') this.#finish(t, 'declined', message.reason);
        return true;
      }
      case 'file-chunk': {
        const t = this.#outgoing(peerId, message.fileId);
        if (t?.info.state === 'active' && !t.done) {
          t.info.bytes = Math.min(t.info.size, (message.index + 1) * FILE_CHUNK_SIZE);
          this.emit('progress', { ...t.info });
          if (t.info.bytes >= t.info.size) this.#finish(t, 'done');
        }
        return true;
      }
      case 'file-cancel': {
        const t = this.#transfers.get(key(peerId, message.fileId));
        if (t) this.#finish(t, 'cancelled', message.reason);
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * Accepts an offer made to us: the sender starts sending. False (and the offer is declined,
   * saying why) when the incoming files already accepted leave no room for it in memory.
   */
  acceptOffer(transferId: string): boolean {
    const t = this.#transfers.get(transferId);
    if (!t || t.done || t.info.direction !== 'in' || t.info.state !== 'offered') return false;
    const held = [...this.#transfers.values()]
      .filter((o) => o.info.direction === 'in' && o.info.state === 'active' && !o.done)
      .reduce((sum, o) => sum + o.info.size, 0);
    if (held + t.info.size > this.#limit) {
      this.declineOffer(
        transferId,
        `not enough room: at most ${formatMiB(this.#limit)} of files are received at once`,
      );
      return false;
    }
    if (!this.#deps.send(t.info.peerId, { type: 'file-accept', fileId: t.info.fileId })) {
      this.#finish(t, 'failed', 'the sender is not connected');
      return false;
    }
    this.#clearTimer(t);
    t.info.state = 'active';
    this.emit('started', { ...t.info });
    return true;
  }

  /** Declines an offer made to us; the sender's transfer ends as declined. */
  declineOffer(transferId: string, reason = 'declined'): void {
    const t = this.#transfers.get(transferId);
    if (!t || t.done || t.info.direction !== 'in' || t.info.state !== 'offered') return;
    this.#deps.send(t.info.peerId, { type: 'file-decline', fileId: t.info.fileId, reason });
    this.#finish(t, 'declined', reason);
  }

  /** An incoming DataConnection labelled as a file; false when it is not one we expect. */
  accept(conn: DataConnection): boolean {
    if (!conn.label.startsWith(FILE_LABEL_PREFIX)) return false;
    const t = this.#transfers.get(key(conn.peer, conn.label.slice(FILE_LABEL_PREFIX.length)));
    // Only for an offer we accepted: bytes never arrive unasked.
    if (!t || t.info.direction !== 'in' || t.info.state !== 'active' || t.conn || t.done) {
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

  /** Stops a transfer (ours or incoming, offered or running) and tells the other side. */
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

  #outgoing(peerId: string, fileId: string): Transfer | undefined {
    const t = this.#transfers.get(key(peerId, fileId));
    return t?.info.direction === 'out' ? t : undefined;
  }

  #offered(peerId: string, offer: FileOfferMessage): void {
    const t = this.#add(peerId, 'in', offer);
    this.emit('offered', { ...t.info });
    if (offer.size > this.#limit) {
      this.declineOffer(
        t.info.id,
        `too large: files over ${formatMiB(this.#limit)} cannot be received`,
      );
      return;
    }
    t.timer = setTimeout(() => {
      if (t.done || t.info.state !== 'offered') return;
      this.#deps.send(peerId, {
        type: 'file-decline',
        fileId: offer.fileId,
        reason: 'offer expired',
      });
      this.#finish(t, 'expired', 'offer expired');
    }, this.#ttl);
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
      state: 'offered',
    };
    const t: Transfer = {
      info,
      conn: undefined,
      file: undefined,
      chunks: [],
      index: -1,
      done: false,
      timer: undefined,
    };
    this.#transfers.set(info.id, t);
    return t;
  }

  /** The receiver accepted our offer: open the file connection and stream. */
  #start(t: Transfer): void {
    const file = t.file;
    if (!file) return;
    this.#clearTimer(t);
    t.info.state = 'active';
    this.emit('progress', { ...t.info });
    const conn = this.#deps.peer.connect(t.info.peerId, {
      label: `${FILE_LABEL_PREFIX}${t.info.fileId}`,
      serialization: 'raw',
      reliable: true,
      metadata: { parley: 'file', fileId: t.info.fileId },
    });
    t.conn = conn;
    conn.on('open', () => {
      void this.#pump(t, conn, file);
    });
    this.#watch(t, conn);
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

  #clearTimer(t: Transfer): void {
    clearTimeout(t.timer);
    t.timer = undefined;
  }

  #finish(
    t: Transfer,
    state: Exclude<FileTransferState, 'offered' | 'active'>,
    reason?: string,
  ): void {
    if (t.done) return;
    t.done = true;
    this.#clearTimer(t);
    t.chunks = [];
    t.file = undefined;
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
