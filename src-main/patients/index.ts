import type { HandlerMap } from '../core/registry';
import { duplicateHandlers } from './duplicates';
import { mergeHandlers } from './merge';
import { profileHandlers } from './profile';
import { recordHandlers } from './records';
import { searchHandlers } from './search';
import { tagHandlers } from './tags';

export { recordConsent } from './consent';
export { formatPatientNumber, phoneReversedOf, searchTokensOf, sortNameOf, writeSearchTokens } from './derived';
export { EMAIL_SEARCH_SQL, LIST_COUNT_SQL, LIST_SQL, NUMBER_SEARCH_SQL, PATIENT_NAME_SQL, PHONE_SEARCH_SQL, PROFILE_SQL } from './queries';
export { patientNumberOf, requirePatient } from './row';
export { nameSearchQuery } from './search';

/** Patient records, quick search and lists, the profile, duplicates and merging, tags and consents. */
export const patientHandlers: HandlerMap<
  keyof typeof recordHandlers | keyof typeof searchHandlers | keyof typeof profileHandlers | keyof typeof duplicateHandlers | keyof typeof mergeHandlers | keyof typeof tagHandlers
> = {
  ...recordHandlers,
  ...searchHandlers,
  ...profileHandlers,
  ...duplicateHandlers,
  ...mergeHandlers,
  ...tagHandlers,
};
