import { useMemo } from 'react';
import { reportLocale, type FormatOptions } from '../../../src-shared/reports/format';
import { useClinic } from '../../lib/store';

/** The clinic's way of writing report cells (currency, country's number and date conventions, time zone). */
export function useReportFormat(): FormatOptions {
  const { currency, country, timeZone } = useClinic();
  return useMemo(() => ({ currency, locale: reportLocale(country), timeZone }), [currency, country, timeZone]);
}
