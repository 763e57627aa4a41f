/** Fake-camera streams and first-frame detection for the call and mesh measurements. */

/** performance.now() on the shared clock of every page (ms since the epoch, sub-ms precision). */
export function absoluteNow(): number {
  return performance.timeOrigin + performance.now();
}

const videos = new Set<HTMLVideoElement>();

/**
 * Plays `stream` in a muted video element and resolves with absoluteNow() when its first frame
 * is presented (requestVideoFrameCallback: the frame was decoded and composited).
 */
export function firstFrame(stream: MediaStream): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  video.width = 160;
  video.height = 120;
  video.srcObject = stream;
  document.body.append(video);
  videos.add(video);
  return new Promise((resolve, reject) => {
    video.requestVideoFrameCallback(() => {
      resolve(absoluteNow());
    });
    video.play().catch((error: unknown) => {
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

/** Removes every video element firstFrame() created. */
export function removeVideos(): void {
  for (const video of videos) {
    video.srcObject = null;
    video.remove();
  }
  videos.clear();
}

/** The fake camera and microphone (Chromium's --use-fake-device-for-media-stream). */
export function fakeCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: { width: 640, height: 480, frameRate: 30 },
    audio: true,
  });
}
