import { create } from 'zustand';

/** How the calendar is looked at; kept while moving between screens. */
interface CalendarUi {
  view: 'day' | 'week';
  by: 'staff' | 'room';
  weekStaffId: number | null;
  set(patch: Partial<Omit<CalendarUi, 'set'>>): void;
}

export const useCalendarUi = create<CalendarUi>((set) => ({ view: 'day', by: 'staff', weekStaffId: null, set: (patch) => set(patch) }));
