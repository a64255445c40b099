import type { AppointmentStatus, VisitType } from '../../../src-shared/contract/scheduling';
import type { conflictKinds } from '../../../src-shared/contract/scheduling';

export const statusLabels: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  confirmed: 'Confirmed',
  arrived: 'Arrived',
  inTreatment: 'In treatment',
  completed: 'Completed',
  checkedOut: 'Checked out',
  cancelled: 'Cancelled',
  noShow: 'No-show',
};

/** The button that moves an appointment into a status. */
export const statusActions: Partial<Record<AppointmentStatus, string>> = {
  confirmed: 'Confirm',
  arrived: 'Arrived',
  inTreatment: 'Start',
  completed: 'Complete',
  checkedOut: 'Check out',
  noShow: 'No-show',
};

export const visitTypeLabels: Record<VisitType, string> = {
  first: 'First visit',
  return: 'Return',
  inCourse: 'In course',
  recheck: 'Recheck',
  repurchase: 'Repurchase',
};

export const visitTypeShort: Record<VisitType, string> = { first: 'NEW', return: 'RET', inCourse: 'CRS', recheck: 'CHK', repurchase: 'REP' };

export const conflictKindLabels: Record<(typeof conflictKinds)[number], string> = {
  appointment: 'Double booking',
  block: 'Blocked time',
  closure: 'Clinic closed',
  outsideHours: 'Outside working hours',
  exception: 'Day off or changed hours',
  roomBusy: 'Room in use',
  deviceBusy: 'Device in use',
};

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
