import { reportLabels } from '../../../src-shared/contract/reports-output';
import type { Permission } from '../../../src-shared/permissions';

/** The reports page's left list: its own views, and entries opening the delinquency report and the schedules' screens. */
export const reportViews = ['projectedSales', 'salesByCategory', 'salesByProvider', 'couponRoi', 'referralRoi', 'conversionCascade', 'stalledConsults', 'openQuotes', 'pointsLiability', 'ambassadorBoard'] as const;
export type ReportView = (typeof reportViews)[number];

export interface ReportListItem {
  id: ReportView | 'delinquency' | 'schedules' | `satisfaction-${string}`;
  label: string;
  group: 'Pipeline' | 'Sales' | 'Retention & output' | 'Satisfaction';
  /** Where the entry opens: this page's own view, or another screen's route. */
  route: string;
  permission: Permission;
}

const own = (id: ReportView, group: ReportListItem['group'], permission: Permission = 'reports.read'): ReportListItem => ({ id, label: reportLabels[id], group, route: `/reports/${id}`, permission });

export const reportListItems: ReportListItem[] = [
  own('projectedSales', 'Pipeline'),
  own('conversionCascade', 'Pipeline'),
  own('stalledConsults', 'Pipeline'),
  own('openQuotes', 'Pipeline'),
  own('salesByCategory', 'Sales'),
  own('salesByProvider', 'Sales'),
  own('couponRoi', 'Sales'),
  own('referralRoi', 'Sales'),
  own('pointsLiability', 'Sales', 'loyalty.manage'),
  own('ambassadorBoard', 'Sales'),
  { id: 'delinquency', label: 'Delinquency (weekly)', group: 'Retention & output', route: '/retention/report', permission: 'retention.results' },
  { id: 'schedules', label: 'Scheduled reports', group: 'Retention & output', route: '/report-schedules', permission: 'reports.schedule' },
  ...(['nps', 'complaints', 'posters', 'happy'] as const).map((tab) => ({
    id: `satisfaction-${tab}` as const,
    label: { nps: 'NPS', complaints: 'Complaints log', posters: 'Positive posters', happy: 'Happy, never referred' }[tab],
    group: 'Satisfaction' as const,
    route: `/satisfaction/${tab}`,
    permission: 'satisfaction.manage' as const,
  })),
];

export function isReportView(id: string | undefined): id is ReportView {
  return (reportViews as readonly string[]).includes(id ?? '');
}
