import { create } from 'zustand';
import type { AppStatus } from '../../src-shared/contract/app';
import type { SessionInfo } from '../../src-shared/contract/auth';
import type { Permission } from '../../src-shared/permissions';
import type { patientSorts } from '../../src-shared/contract/patients';

export interface PatientListFilters {
  sort: (typeof patientSorts)[number];
  includeArchived: boolean;
  tagId: number | null;
}

interface UiState {
  status: AppStatus | null;
  session: SessionInfo | null;
  /** The desk is locked (idle, Lock button, or the server said `locked`). */
  locked: boolean;
  route: string;
  paletteOpen: boolean;
  patientFilters: PatientListFilters;
  notice: string | null;
  setStatus(status: AppStatus | null): void;
  setSession(session: SessionInfo | null): void;
  setLocked(locked: boolean): void;
  setPaletteOpen(open: boolean): void;
  setPatientFilters(patch: Partial<PatientListFilters>): void;
  notify(message: string | null): void;
}

function currentRoute(): string {
  return window.location.hash.replace(/^#/, '') || '/patients';
}

export const useUi = create<UiState>((set) => ({
  status: null,
  session: null,
  locked: false,
  route: currentRoute(),
  paletteOpen: false,
  patientFilters: { sort: 'name', includeArchived: false, tagId: null },
  notice: null,
  setStatus: (status) => set({ status }),
  setSession: (session) => set({ session, locked: session?.locked ?? false }),
  setLocked: (locked) => set({ locked }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setPatientFilters: (patch) => set((s) => ({ patientFilters: { ...s.patientFilters, ...patch } })),
  notify: (notice) => set({ notice }),
}));

window.addEventListener('hashchange', () => useUi.setState({ route: currentRoute() }));

export function navigate(path: string): void {
  if (currentRoute() === path) return;
  window.location.hash = path;
}

/** Where a person lands after signing in: reception's Today for whoever sells at the desk, else the patient list. */
export function homeRoute(permissions: readonly Permission[]): string {
  return permissions.includes('checkout.sell') ? '/today' : '/patients';
}

export function useCan(): (permission: Permission) => boolean {
  const permissions = useUi((s) => s.session?.permissions);
  return (permission) => permissions?.includes(permission) ?? false;
}

/** Clinic facts needed for display; safe defaults before setup. */
export function useClinic(): { timeZone: string; currency: string; country: string; name: string } {
  const status = useUi((s) => s.status);
  return {
    timeZone: status?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    currency: status?.currency ?? 'EUR',
    country: status?.country ?? 'US',
    name: status?.clinicName ?? 'Lumen',
  };
}
