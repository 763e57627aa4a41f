/**
 * Who the app is to the OS. APP_ID must equal `appId` in electron-builder.yml (a packaging test
 * checks): Windows matches notifications to the Start-menu shortcut by it (AppUserModelID).
 */
export const APP_ID = 'org.parley.desktop';
export const APP_NAME = 'Parley';
