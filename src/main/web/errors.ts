/** Errors of the web app host. */

/** The web app folder cannot be served (missing, unreadable, or without index.html). */
export class WebRootError extends Error {
  override readonly name = 'WebRootError';
  readonly type = 'web-root';
}
