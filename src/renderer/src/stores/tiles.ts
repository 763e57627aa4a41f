/**
 * The tiles of the meeting view, from the meeting's state: our camera (and screen share) first,
 * then each participant's camera and screen share in roster order. Pure, so it is unit-tested.
 */
import {
  qualityOf,
  type ConnectionQuality,
  type ConnectionStats,
  type MediaKind,
} from '../meeting/engine';
import type { Participant } from '../meeting/RosterModel';
import type { ParticipantState } from '../meeting/types';

/** One tile of the meeting view: a participant's camera, or a screen share. */
export interface Tile {
  /** `${participantId}:${kind}` */
  key: string;
  participantId: string;
  kind: MediaKind;
  name: string;
  isSelf: boolean;
  stream: MediaStream | null;
  state: ParticipantState;
  quality: ConnectionQuality;
  activeSpeaker: boolean;
}

export interface TileSources {
  self: {
    id: string;
    name: string;
    state: ParticipantState;
    camera: MediaStream | null;
    screen: MediaStream | null;
  };
  participants: readonly Participant[];
  /** `${participantId}:${kind}` → stream */
  streams: ReadonlyMap<string, MediaStream>;
  stats: Readonly<Record<string, readonly ConnectionStats[]>>;
  activeSpeakerId: string | undefined;
}

export function buildTiles(src: TileSources): Tile[] {
  const self: Tile = {
    key: `${src.self.id}:camera`,
    participantId: src.self.id,
    kind: 'camera',
    name: src.self.name || 'You',
    isSelf: true,
    stream: src.self.camera,
    state: src.self.state,
    quality: 'good',
    activeSpeaker: src.activeSpeakerId === src.self.id,
  };
  const result: Tile[] = [self];
  if (src.self.screen) {
    result.push({ ...self, key: `${src.self.id}:screen`, kind: 'screen', stream: src.self.screen });
  }
  for (const p of src.participants) {
    const camera: Tile = {
      key: `${p.id}:camera`,
      participantId: p.id,
      kind: 'camera',
      name: p.name || 'Guest',
      isSelf: false,
      stream: src.streams.get(`${p.id}:camera`) ?? null,
      state: p.state,
      quality: qualityOf(src.stats[p.id]?.at(-1)),
      activeSpeaker: src.activeSpeakerId === p.id,
    };
    result.push(camera);
    const screen = src.streams.get(`${p.id}:screen`);
    if (screen) result.push({ ...camera, key: `${p.id}:screen`, kind: 'screen', stream: screen });
  }
  return result;
}

/** The big tile of the speaker layout: pinned, else a screen share, else the active speaker. */
export function featured(tiles: readonly Tile[], pinnedKey: string | null): Tile | undefined {
  return (
    tiles.find((t) => t.key === pinnedKey) ??
    tiles.find((t) => t.kind === 'screen') ??
    tiles.find((t) => t.activeSpeaker && !t.isSelf) ??
    tiles.find((t) => !t.isSelf) ??
    tiles[0]
  );
}
