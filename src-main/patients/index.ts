import type { HandlerMap } from '../core/registry';
import { duplicateHandlers } from './duplicates';
import { profileHandlers } from './profile';
import { recordHandlers } from './records';
import { searchHandlers } from './search';
import { tagHandlers } from './tags';

export { recordConsent } from './consent';
export { type MergeCarrier, mergeHandlersWith, NOT_MOVED } from './merge';
export { formatPatientNumber, nextPatientNumber, phoneReversedOf, searchTokensOf, sortNameOf, writeSearchTokens } from './derived';
export { findLikelyDuplicates } from './duplicates';
export { EMAIL_SEARCH_SQL, LIST_COUNT_SQL, LIST_SQL, NUMBER_SEARCH_SQL, PATIENT_NAME_SQL, PHONE_SEARCH_SQL, PROFILE_SQL } from './queries';
export { patientNumberOf, requirePatient } from './row';
export { nameSearchQuery } from './search';

/** Patient records, quick search and lists, the profile, duplicates, tags and consents (merging: `mergeHandlersWith`). */
export const patientHandlers: HandlerMap<
  keyof typeof recordHandlers | keyof typeof searchHandlers | keyof typeof profileHandlers | keyof typeof duplicateHandlers | keyof typeof tagHandlers
> = {
  ...recordHandlers,
  ...searchHandlers,
  ...profileHandlers,
  ...duplicateHandlers,
  ...tagHandlers,
};
