/**
 * Parley's PeerJS-compatible WebRTC client. Import from here (or load dist/peer, global
 * `ParleyPeer`). No Vue, no Electron, no Node: plain browser code.
 */
export { Peer } from './Peer';
export { DataConnection } from './DataConnection';
export { MediaConnection } from './MediaConnection';
export { BaseConnection } from './BaseConnection';
export { TypedEmitter } from './TypedEmitter';
export { util, type UtilSupports } from './util';
export {
  PeerError,
  PeerErrorType,
  BaseConnectionErrorType,
  DataConnectionErrorType,
  type ConnectionErrorType,
} from './errors';
export { SerializationType, LogLevel, ConnectionType } from './types';
export type { PeerOptions, PeerConnectOption, CallOption, AnswerOption } from './types';
export type { PeerEvents, DataConnectionEvents, MediaConnectionEvents } from './events';
