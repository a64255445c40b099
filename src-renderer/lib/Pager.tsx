/** Previous / Next over a list read `pageSize` rows at a time, `total` in all. */
export function Pager({ offset, pageSize, total, onOffset, className = 'actions', small = false, nextTestId }: {
  offset: number;
  pageSize: number;
  total: number;
  onOffset: (offset: number) => void;
  className?: string;
  small?: boolean;
  nextTestId?: string;
}) {
  const button = small ? 'btn btn-small' : 'btn';
  return (
    <span className={className}>
      <button type="button" className={button} disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <button type="button" className={button} disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)} data-testid={nextTestId}>
        Next
      </button>
    </span>
  );
}
