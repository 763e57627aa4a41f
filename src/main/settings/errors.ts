/** A settings update that does not match the schema; `issues` say which fields and why. */
export class SettingsValidationError extends Error {
  override readonly name = 'SettingsValidationError';
  readonly type = 'invalid-settings';
  constructor(
    readonly issues: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`invalid settings: ${issues.join('; ')}`, options);
  }
}

/** Writing the settings file failed (disk full, permissions); the in-memory value is unchanged. */
export class SettingsWriteError extends Error {
  override readonly name = 'SettingsWriteError';
  readonly type = 'settings-write-failed';
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`could not write settings to ${path}`, options);
  }
}
