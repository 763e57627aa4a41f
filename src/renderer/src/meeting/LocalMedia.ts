/**
 * What we send: the camera/microphone stream and the screen stream. Every camera call carries
 * exactly one audio and one video sender, so tracks can come and go later by replaceTrack alone
 * (no renegotiation): a call is placed/answered with placeholder tracks where we have no real
 * one, and `syncSenders` then points each sender at the real track of its kind, or at nothing.
 */
export type TrackKind = 'audio' | 'video';

export class LocalMedia {
  #camera: MediaStream | null;
  #screen: MediaStream | null = null;
  #placeholders:
    { audio: MediaStreamTrack; video: MediaStreamTrack; context: AudioContext } | undefined;

  constructor(camera: MediaStream | null) {
    this.#camera = camera;
  }

  get camera(): MediaStream | null {
    return this.#camera;
  }

  set camera(stream: MediaStream | null) {
    this.#camera = stream;
  }

  get screen(): MediaStream | null {
    return this.#screen;
  }

  set screen(stream: MediaStream | null) {
    this.#screen = stream;
  }

  /** The real track of a kind we send, or null. */
  track(kind: TrackKind): MediaStreamTrack | null {
    const tracks =
      kind === 'audio' ? this.#camera?.getAudioTracks() : this.#camera?.getVideoTracks();
    return tracks?.find((t) => t.readyState === 'live') ?? null;
  }

  /** A stream with one audio and one video track (real ones, or placeholders) for call/answer. */
  callStream(): MediaStream {
    const audio = this.track('audio') ?? this.#placeholder('audio');
    const video = this.track('video') ?? this.#placeholder('video');
    return new MediaStream([audio, video]);
  }

  /**
   * Points every audio/video sender of a camera call at the real track of its kind (or null).
   * Idempotent and cheap: only senders that differ are changed.
   */
  async syncSenders(pc: RTCPeerConnection | null): Promise<void> {
    if (!pc || pc.connectionState === 'closed') return;
    const jobs: Promise<void>[] = [];
    for (const transceiver of pc.getTransceivers()) {
      const direction = transceiver.currentDirection ?? transceiver.direction;
      if (direction === 'stopped' || transceiver.direction !== 'sendrecv') continue;
      const kind = transceiver.receiver.track.kind as TrackKind;
      const wanted = this.track(kind);
      if (transceiver.sender.track !== wanted) {
        jobs.push(transceiver.sender.replaceTrack(wanted).catch(() => undefined));
      }
    }
    await Promise.all(jobs);
  }

  /** Stops the placeholders (the real tracks belong to the caller). */
  dispose(): void {
    const p = this.#placeholders;
    this.#placeholders = undefined;
    if (!p) return;
    p.audio.stop();
    p.video.stop();
    void p.context.close().catch(() => undefined);
  }

  #placeholder(kind: TrackKind): MediaStreamTrack {
    if (!this.#placeholders) {
      const context = new AudioContext();
      const audio = context.createMediaStreamDestination().stream.getAudioTracks()[0];
      const canvas = document.createElement('canvas');
      canvas.width = 16;
      canvas.height = 16;
      const video = canvas.captureStream(0).getVideoTracks()[0];
      if (!audio || !video) throw new Error('cannot create placeholder tracks');
      this.#placeholders = { audio, video, context };
    }
    return this.#placeholders[kind];
  }
}
