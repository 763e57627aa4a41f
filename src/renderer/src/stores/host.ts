import { defineStore } from 'pinia';
import { ref } from 'vue';
import {
  appHost,
  type CallCommand,
  type CallState,
  type HostCapabilities,
  type LanMeeting,
  type MeetingServerConfig,
  type ServerStatus,
} from './hostPort';

export type { LanMeeting };

/**
 * What the host process tells the UI: meetings found on the LAN, the signaling server's status,
 * the server meetings use by default (a web page's own `parley serve`), and call-control commands
 * (menu, tray, global shortcut) for the meeting view.
 */
export const useHostStore = defineStore('host', () => {
  const kind = ref<'electron' | 'web'>('web');
  /** What the host can do (absent members: it cannot). */
  const capabilities = ref<Partial<HostCapabilities>>({});
  const lanMeetings = ref<readonly LanMeeting[]>([]);
  const lanLoaded = ref(false);
  const server = ref<ServerStatus | null>(null);
  const commandListeners = new Set<(c: CallCommand) => void>();
  let started = false;
  let meetingServerRequest: Promise<MeetingServerConfig | null> | undefined;

  /**
   * The host's default meeting server (asked once; asked again after a failure). Null where the
   * host leaves the choice to the engine; rejects when the host should know it but cannot say.
   */
  function meetingServer(): Promise<MeetingServerConfig | null> {
    const host = appHost();
    meetingServerRequest ??= (host.getMeetingServer?.() ?? Promise.resolve(null)).catch(
      (e: unknown) => {
        meetingServerRequest = undefined;
        throw e;
      },
    );
    return meetingServerRequest;
  }

  async function start(): Promise<void> {
    if (started) return;
    started = true;
    const host = appHost();
    kind.value = host.kind;
    capabilities.value = { ...host.capabilities };
    host.onLanMeetings((m) => {
      lanMeetings.value = m;
      lanLoaded.value = true;
    });
    host.onServerStatus((s) => {
      server.value = s;
    });
    host.onCallCommand((c) => {
      for (const l of commandListeners) l(c);
    });
    const [meetings, status] = await Promise.allSettled([
      host.listLanMeetings(),
      host.getServerStatus(),
    ]);
    if (meetings.status === 'fulfilled') lanMeetings.value = meetings.value;
    if (status.status === 'fulfilled') server.value = status.value;
    lanLoaded.value = true;
  }

  /** Subscribes to call-control commands; returns the unsubscribe function. */
  function onCommand(listener: (c: CallCommand) => void): () => void {
    commandListeners.add(listener);
    return () => commandListeners.delete(listener);
  }

  function reportCallState(state: CallState): void {
    try {
      appHost().reportCallState(state);
    } catch {
      // Reporting is best effort (menus and tray follow the call).
    }
  }

  return {
    kind,
    capabilities,
    lanMeetings,
    lanLoaded,
    server,
    start,
    meetingServer,
    onCommand,
    reportCallState,
  };
});
