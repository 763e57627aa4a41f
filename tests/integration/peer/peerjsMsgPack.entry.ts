/**
 * peerjs 1.5.5's MsgPack flavour, bundled for test pages as the global `PeerJsMsgPack`: the
 * module build of the package has `MsgPackPeer` (whose connections default to the `MsgPack`
 * serialization); the classic peerjs.min.js has no MsgPack serializer.
 */
export { MsgPackPeer } from 'peerjs';
