/**
 * Speaker output: routing media elements to the chosen speaker (HTMLMediaElement.setSinkId) and a
 * test sound generated with WebAudio (two short notes; no asset needed).
 */
import { DeviceError } from './errors';

/** True where the browser can choose the output device. */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Routes an element to a speaker ('' or null: system default). Throws a DeviceError. */
export async function applySpeaker(
  element: HTMLMediaElement,
  speakerId: string | null,
): Promise<void> {
  // Missing in some browsers (Safari, older Firefox) despite the DOM typings.
  const probe: { setSinkId?: unknown } = element;
  if (typeof probe.setSinkId !== 'function') return;
  try {
    await element.setSinkId(speakerId ?? '');
  } catch (error) {
    throw DeviceError.from(error, 'speaker');
  }
}

/** Renders the test sound (660 Hz then 880 Hz with soft edges) into a MediaStream of `context`. */
function scheduleTone(context: AudioContext, destination: AudioNode): number {
  const start = context.currentTime + 0.05;
  const notes = [
    { freq: 660, at: 0, dur: 0.22 },
    { freq: 880, at: 0.28, dur: 0.32 },
  ];
  for (const n of notes) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = 'sine';
    osc.frequency.value = n.freq;
    const t0 = start + n.at;
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(0.25, t0 + 0.02);
    gain.gain.setValueAtTime(0.25, t0 + n.dur - 0.05);
    gain.gain.linearRampToValueAtTime(0, t0 + n.dur);
    osc.connect(gain).connect(destination);
    osc.start(t0);
    osc.stop(t0 + n.dur + 0.01);
  }
  return 0.05 + 0.28 + 0.32 + 0.05;
}

/**
 * Plays the test sound on a speaker (null: default). Resolves when it has finished playing.
 * Throws a DeviceError when the speaker cannot be used.
 */
export async function playTestSound(speakerId: string | null): Promise<void> {
  const context = new AudioContext();
  try {
    const destination = context.createMediaStreamDestination();
    const seconds = scheduleTone(context, destination);
    const audio = new Audio();
    audio.srcObject = destination.stream;
    await applySpeaker(audio, speakerId);
    if (context.state === 'suspended') await context.resume();
    await audio.play();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    audio.pause();
    audio.srcObject = null;
  } catch (error) {
    throw DeviceError.from(error, 'speaker');
  } finally {
    await context.close().catch(() => undefined);
  }
}
