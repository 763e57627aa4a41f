/**
 * The preload: exposes the named API of api.ts as `window.parley` through contextBridge. Built as
 * CommonJS (out/preload/index.cjs) so the renderer keeps its sandbox.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createParleyApi } from './api';

const api = createParleyApi(ipcRenderer, process.platform);

/** The type of `window.parley`, for the renderer's ElectronHostBridge. */
export type ParleyApi = typeof api;

contextBridge.exposeInMainWorld('parley', api);
