/**
 * Measures the loudness of a microphone track: an AnalyserNode on an AudioContext, sampled on a
 * timer, reporting RMS (0..1) and a display level (0..1 on a -60..0 dB scale). `stop()` releases
 * the audio graph (and the context, if the meter created it); it does not stop the track.
 */
import { Emitter } from '../meeting/Emitter';

export interface AudioLevelEvents {
  /** A new measurement, every `intervalMs`. */
  level: (level: number, rms: number) => void;
}

export interface AudioLevelMeterOptions {
  /** Sampling period. Default 50 ms (timers keep running in background windows, unlike rAF). */
  intervalMs?: number;
  /** An AudioContext to share; otherwise the meter creates and closes its own. */
  context?: AudioContext;
}

const FLOOR_DB = -60;

/** Maps an RMS amplitude to 0..1 on a dB scale (-60 dB → 0, 0 dB → 1). */
export function rmsToLevel(rms: number): number {
  if (!(rms > 0)) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

/** Root mean square of samples in -1..1. */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

export class AudioLevelMeter extends Emitter<AudioLevelEvents> {
  readonly #context: AudioContext;
  readonly #ownsContext: boolean;
  readonly #source: MediaStreamAudioSourceNode;
  readonly #analyser: AnalyserNode;
  readonly #buffer: Float32Array<ArrayBuffer>;
  readonly #timer: ReturnType<typeof setInterval>;
  #level = 0;
  #rms = 0;
  #stopped = false;

  constructor(stream: MediaStream, options: AudioLevelMeterOptions = {}) {
    super();
    if (stream.getAudioTracks().length === 0) throw new RangeError('the stream has no audio track');
    this.#ownsContext = options.context === undefined;
    this.#context = options.context ?? new AudioContext();
    this.#source = this.#context.createMediaStreamSource(stream);
    this.#analyser = this.#context.createAnalyser();
    this.#analyser.fftSize = 1024;
    this.#analyser.smoothingTimeConstant = 0;
    this.#source.connect(this.#analyser);
    this.#buffer = new Float32Array(this.#analyser.fftSize);
    // Chromium starts contexts created without a gesture suspended; a meter needs no output, but
    // the graph only runs while the context does.
    if (this.#context.state === 'suspended') void this.#context.resume().catch(() => undefined);
    this.#timer = setInterval(() => {
      this.#sample();
    }, options.intervalMs ?? 50);
  }

  /** The last display level, 0..1. */
  get level(): number {
    return this.#level;
  }

  /** The last RMS amplitude, 0..1. */
  get rms(): number {
    return this.#rms;
  }

  /** Stops sampling and releases the audio graph. Idempotent. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#source.disconnect();
    this.#analyser.disconnect();
    if (this.#ownsContext) void this.#context.close().catch(() => undefined);
    this.removeAllListeners();
  }

  #sample(): void {
    this.#analyser.getFloatTimeDomainData(this.#buffer);
    this.#rms = rms(this.#buffer);
    this.#level = rmsToLevel(this.#rms);
    this.emit('level', this.#level, this.#rms);
  }
}
