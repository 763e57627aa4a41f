export { createLogger, silentLogger, LOG_LEVELS, logLevelFromEnv } from './createLogger';
export type { LoggerOptions } from './createLogger';
export type { Logger, LogLevel, LogFields } from './types';
