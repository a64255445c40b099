import { useEffect, useRef } from 'react';
import { navigate } from '../../lib/store';
import { useListKeys } from '../../lib/useListKeys';
import type { ReportListItem } from './reportList';

/**
 * The list of reports, one Tab stop: ↑↓ move the highlight, Enter (or a click) opens the report. The highlight
 * starts on the open report.
 */
export function ReportList({ items, current }: { items: ReportListItem[]; current: string }) {
  const open = (i: number) => {
    const item = items[i];
    if (item) navigate(item.route);
  };
  const { active, setActive, onKeyDown } = useListKeys(items.length, open);
  const listRef = useRef<HTMLUListElement>(null);
  const currentIndex = items.findIndex((item) => item.id === current);
  useEffect(() => {
    if (currentIndex >= 0) setActive(currentIndex);
  }, [currentIndex]);

  let group = '';
  return (
    <ul
      ref={listRef}
      className="report-list no-print"
      role="listbox"
      aria-label="Reports"
      tabIndex={0}
      aria-activedescendant={items[active] ? `report-item-${items[active].id}` : undefined}
      onKeyDown={(e) => onKeyDown(e)}
      data-testid="report-list"
    >
      {items.flatMap((item, i) => {
        const heading =
          item.group !== group ? (
            <li key={`g-${item.group}`} role="presentation" className="report-list-group">
              {item.group}
            </li>
          ) : null;
        group = item.group;
        const entry = (
          <li
            key={item.id}
            id={`report-item-${item.id}`}
            role="option"
            aria-selected={item.id === current}
            className={`${item.id === current ? 'active' : ''} ${i === active ? 'highlight' : ''}`}
            onClick={() => open(i)}
            onMouseEnter={() => setActive(i)}
            data-testid={`report-item-${item.id}`}
          >
            {item.label}
          </li>
        );
        return heading ? [heading, entry] : [entry];
      })}
    </ul>
  );
}
