import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { useMeetingStore, type FileTransferInfo } from '../stores/meeting';
import ChatPanel from './ChatPanel.vue';

let app: App | undefined;

const offer = (patch: Partial<FileTransferInfo>): FileTransferInfo => ({
  id: 'bob/f1',
  fileId: 'f1',
  peerId: 'bob',
  direction: 'in',
  name: 'plan.pdf',
  size: 3 * 1024 * 1024,
  mime: 'application/pdf',
  bytes: 0,
  state: 'offered',
  ...patch,
});

async function mount(files: FileTransferInfo[]): Promise<ReturnType<typeof useMeetingStore>> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const meeting = useMeetingStore();
  meeting.participants = [
    {
      id: 'bob',
      name: 'Bob',
      joinedAt: 1,
      seenAt: 1,
      status: 'connected',
      state: {
        muted: false,
        cameraOff: false,
        screenSharing: false,
        handRaised: false,
        speaking: false,
      },
    },
  ];
  meeting.files = files;
  const root = document.createElement('div');
  document.body.append(root);
  app = createApp(ChatPanel).use(pinia);
  app.mount(root);
  await nextTick();
  return meeting;
}

const button = (name: string): HTMLButtonElement | null =>
  document.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

describe('ChatPanel files', () => {
  afterEach(() => {
    app?.unmount();
    app = undefined;
    document.body.innerHTML = '';
  });

  it('shows an incoming offer with name, size and sender, and Accept / Decline', async () => {
    const meeting = await mount([offer({})]);
    const accept = vi.spyOn(meeting, 'acceptFile').mockImplementation(() => undefined);
    const decline = vi.spyOn(meeting, 'declineFile').mockImplementation(() => undefined);
    const item = document.querySelector('.file');
    expect(item?.textContent).toContain('From Bob');
    expect(item?.textContent).toContain('plan.pdf');
    expect(item?.textContent).toContain('3.0 MB');
    expect(item?.querySelector('progress')).toBeNull();
    const acceptButton = button('Accept plan.pdf from Bob');
    expect(acceptButton?.textContent.trim()).toBe('Accept');
    acceptButton?.click();
    button('Decline plan.pdf from Bob')?.click();
    expect(accept).toHaveBeenCalledWith('bob/f1');
    expect(decline).toHaveBeenCalledWith('bob/f1');
  });

  it('shows our pending offer as waiting (cancellable), and how transfers ended', async () => {
    await mount([
      offer({ id: 'bob/f2', direction: 'out', name: 'a.txt' }),
      offer({
        id: 'bob/f3',
        direction: 'out',
        name: 'b.txt',
        state: 'declined',
        reason: 'declined',
      }),
      offer({
        id: 'bob/f4',
        name: 'c.iso',
        state: 'declined',
        reason: 'too large: files over 512 MiB cannot be received',
      }),
      offer({ id: 'bob/f5', name: 'd.txt', state: 'expired', reason: 'offer expired' }),
    ]);
    const items = [...document.querySelectorAll('.file')].map((e) => e.textContent);
    expect(items[0]).toContain('Waiting for them to accept');
    expect(button('Cancel a.txt')).not.toBeNull();
    expect(button('Accept a.txt from Bob')).toBeNull();
    expect(items[1]).toContain('Declined');
    expect(items[1]).not.toContain('Declined:');
    expect(items[2]).toContain('Declined: too large: files over 512 MiB cannot be received');
    expect(items[3]).toContain('Expired: offer expired');
  });
});
