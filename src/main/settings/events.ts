import type { Settings } from '../../shared/settings';

/** A problem found while loading the settings file; the app continues with safe values. */
export interface SettingsWarning {
  /** What the user should read, e.g. "settings.json was not valid JSON; defaults are used". */
  readonly message: string;
  /** The individual problems (field: reason). */
  readonly issues: readonly string[];
  /** Where the unreadable/invalid file was kept, when it was moved aside. */
  readonly backupPath?: string;
}

/** Events of SettingsStore. */
export interface SettingsStoreEvents {
  /** Fires after a set/patch changed the settings and the file was written. */
  change: [settings: Settings, previous: Settings];
  /** Fires once per problem found by load(); also returned by load(). */
  warning: [warning: SettingsWarning];
}
