/** The browser-test harness: import from 'tests/support' (see /work/notes/H3-testing.md). */
export * from './bundle';
export * from './chromium';
export * from './events';
export * from './netns';
export * from './pageHelpers';
export * from './useChromium';
export * from './staticServer';
