import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { formatHash, parseHash, type Route } from './route';

export type View = Route['view'];
export type SidePanel = 'chat' | 'participants' | 'stats' | null;
export type ToastKind = 'info' | 'success' | 'warning' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

/**
 * UI state that is not about the meeting itself: which view shows (kept in the location hash so
 * `#/join/<code>` deep links work), the open side panel, and toasts.
 */
export const useUiStore = defineStore('ui', () => {
  const route = ref<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));
  const view = computed<View>(() => route.value.view);
  const panel = ref<SidePanel>(null);
  const toasts = ref<Toast[]>([]);
  let nextToast = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  /** Goes to a route and records it in the hash (so reload and back work). */
  function navigate(next: Route): void {
    route.value = next;
    const hash = formatHash(next);
    if (typeof location !== 'undefined' && location.hash !== hash) {
      history.pushState(null, '', hash);
    }
  }

  /** Follows the hash when the person edits it or uses back/forward. */
  function syncFromLocation(): void {
    route.value = parseHash(location.hash);
  }

  function togglePanel(which: Exclude<SidePanel, null>): void {
    panel.value = panel.value === which ? null : which;
  }

  /** Shows a toast for `ms` (errors stay longer). Returns its id. */
  function toast(text: string, kind: ToastKind = 'info', ms?: number): number {
    const id = nextToast++;
    toasts.value = [...toasts.value.slice(-3), { id, kind, text }];
    const timeout = ms ?? (kind === 'error' ? 8000 : 4000);
    timers.set(
      id,
      setTimeout(() => {
        dismiss(id);
      }, timeout),
    );
    return id;
  }

  function dismiss(id: number): void {
    clearTimeout(timers.get(id));
    timers.delete(id);
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  return { route, view, panel, toasts, navigate, syncFromLocation, togglePanel, toast, dismiss };
});
