/**
 * The preload: exposes named, purpose-shaped methods through contextBridge, never a generic
 * send/on. Built as CommonJS so the renderer keeps its sandbox.
 */
import { contextBridge } from 'electron';

const api = {
  /** Which host this renderer runs in. */
  platform: process.platform,
} as const;

export type ParleyApi = typeof api;

contextBridge.exposeInMainWorld('parley', api);
