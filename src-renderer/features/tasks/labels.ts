import type { FollowUpTrigger, TaskKind, TaskOutcome } from '../../../src-shared/contract/tasks';

export const triggerLabels: Record<FollowUpTrigger, string> = {
  newPatient: 'New patient welcome',
  noShow: 'Booked but did not come',
  visitedNotPaid: 'Visited but not paid',
  packageUnused: 'Package bought, not used',
  storedValueUnused: 'Credit topped up, not used',
  afterTreatment: 'After treatment',
  satisfaction: 'Satisfaction check',
  dueSoon: 'Due soon (repurchase reminder)',
  birthday: 'Birthday',
};

export const kindLabels: Record<TaskKind, string> = { manual: 'Added by hand', ...triggerLabels };

/** What the offsets of a trigger count from. */
export const offsetHints: Record<FollowUpTrigger, string> = {
  newPatient: 'after the patient was added',
  noShow: 'after the missed start',
  visitedNotPaid: 'after the visit started',
  packageUnused: 'after the package was sold',
  storedValueUnused: 'after the top-up',
  afterTreatment: 'after the treatment (one task per offset)',
  satisfaction: 'after the visit (within 7 days)',
  dueSoon: 'days before the maintenance due date',
  birthday: 'days before the birthday (0: on the day)',
};

export const outcomeLabels: Record<TaskOutcome, string> = {
  done: 'Done',
  reached: 'Reached the patient',
  booked: 'Booked a visit',
  leftMessage: 'Left a message',
  noAnswer: 'No answer',
  notInterested: 'Not interested',
  wrongNumber: 'Wrong number',
  notNeeded: 'Not needed any more',
};
