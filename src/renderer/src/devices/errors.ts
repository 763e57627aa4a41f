/** Errors of device access, mapped from getUserMedia's DOMException names to messages people understand. */
import type { DeviceKind } from './types';

export type DeviceErrorType =
  /** The person or the browser refused camera/microphone access. */
  | 'permission-denied'
  /** No such device is connected. */
  | 'not-found'
  /** The device exists but another app (or the OS) holds it. */
  | 'busy'
  /** The chosen device disappeared or cannot satisfy the request. */
  | 'gone'
  /** The page is not a secure context, so the browser hides media devices. */
  | 'insecure'
  /** Anything else. */
  | 'unknown';

export class DeviceError extends Error {
  override readonly name = 'DeviceError';

  constructor(
    readonly type: DeviceErrorType,
    readonly kind: DeviceKind | 'media',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Maps what getUserMedia/setSinkId threw to a DeviceError with a clear message. */
  static from(error: unknown, kind: DeviceKind | 'media'): DeviceError {
    if (error instanceof DeviceError) return error;
    const name =
      typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
    const what = NOUNS[kind];
    switch (name) {
      case 'NotAllowedError':
      case 'PermissionDeniedError':
      case 'SecurityError':
        return new DeviceError(
          'permission-denied',
          kind,
          `Permission to use the ${what} was denied. Allow it in the browser or system settings, then try again.`,
          { cause: error },
        );
      case 'NotFoundError':
      case 'DevicesNotFoundError':
        return new DeviceError(
          'not-found',
          kind,
          `No ${what} was found. Connect one and try again.`,
          {
            cause: error,
          },
        );
      case 'NotReadableError':
      case 'TrackStartError':
      case 'AbortError':
        return new DeviceError(
          'busy',
          kind,
          `The ${what} is in use by another app or could not be started. Close the other app and try again.`,
          { cause: error },
        );
      case 'OverconstrainedError':
      case 'ConstraintNotSatisfiedError':
        return new DeviceError(
          'gone',
          kind,
          `The selected ${what} is no longer available. Pick another one.`,
          { cause: error },
        );
      case 'TypeError':
        return new DeviceError(
          'insecure',
          kind,
          'Camera and microphone need a secure page (https or localhost).',
          { cause: error },
        );
      default:
        return new DeviceError(
          'unknown',
          kind,
          `The ${what} could not be used${error instanceof Error && error.message ? `: ${error.message}` : '.'}`,
          { cause: error },
        );
    }
  }
}

const NOUNS: Record<DeviceKind | 'media', string> = {
  camera: 'camera',
  microphone: 'microphone',
  speaker: 'speaker',
  media: 'camera and microphone',
};
