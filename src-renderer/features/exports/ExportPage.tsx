import { useCan } from '../../lib/store';
import { ClinicExport } from './ClinicExport';
import { ListExport } from './ListExport';

/** Data → Export: the whole clinic as one archive (owner), and single lists as CSV or Excel. */
export function ExportPage() {
  const can = useCan();
  return (
    <div className="stack-page" data-testid="export-page">
      {can('exports.clinic') && <ClinicExport />}
      {can('exports.lists') && <ListExport />}
    </div>
  );
}
