/** The browser-test harness: import from 'tests/support' (see ARCHITECTURE.md, "Tests"). */
export * from './bundle';
export * from './chromium';
export * from './events';
export * from './netns';
export * from './pageHelpers';
export * from './useChromium';
export * from './staticServer';
