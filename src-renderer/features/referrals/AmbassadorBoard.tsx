import { useMemo, useState } from 'react';
import type { AmbassadorBoard as Board } from '../../../src-shared/contract/referrals';
import { ambassadorBoardDocument } from '../../../src-shared/reports/referrals';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Pager } from '../../lib/Pager';
import type { PeriodChoice } from '../reports/PeriodPicker';
import { ReportChart } from '../reports/ReportChart';
import { ReportFrame } from '../reports/ReportFrame';
import { useDocumentMeta } from '../reports/useDocumentMeta';
import { topAmbassadorsChart } from './boardChart';

const PAGE_SIZE = 25;

/** Reports → Ambassador board: who brings the most revenue, a page at a time, the top ten as bars. */
export function AmbassadorBoard({ period, onPeriod }: { period: PeriodChoice; onPeriod: (p: PeriodChoice) => void }) {
  const [page, setPage] = useState(0);
  const state = useCall('referrals.board', { from: period.from, to: period.to, page, pageSize: PAGE_SIZE });
  const meta = useDocumentMeta(state.data);
  return (
    <ReportFrame
      period={period}
      onPeriod={(p) => {
        setPage(0);
        onPeriod(p);
      }}
      state={state}
      toDocument={(board) => ambassadorBoardDocument(board, meta)}
      charts={(board) => <TopChart board={board} />}
      options={state.data && state.data.total > PAGE_SIZE ? <Pager offset={page * PAGE_SIZE} pageSize={PAGE_SIZE} total={state.data.total} onOffset={(offset) => setPage(Math.floor(offset / PAGE_SIZE))} small /> : undefined}
    />
  );
}

function TopChart({ board }: { board: Board }) {
  const { currency } = useClinic();
  const config = useMemo(() => topAmbassadorsChart(board, currency), [board, currency]);
  if (!board.top.length) return null;
  return <ReportChart title="Top ten by revenue from referred patients" config={config} wide testId="ambassador-chart" />;
}
