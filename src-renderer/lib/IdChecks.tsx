import type { ReactNode } from 'react';

/**
 * A row of ticks choosing ids from a list (providers, rooms, weekdays, tags), for a form field holding the ticked ids.
 * Controlled (use it through a Controller): a group of one tick would otherwise be read as a single checkbox.
 * `className` lays the ticks out (a wrapping row by default; "check-list" stacks them).
 */
export function IdChecks({
  options,
  value,
  onChange,
  testId,
  className = 'tag-list',
}: {
  options: { id: number; label: ReactNode }[];
  value: number[];
  onChange: (ids: number[]) => void;
  testId?: (id: number) => string;
  className?: string;
}) {
  return (
    <div className={className}>
      {options.map((o) => (
        <label key={o.id} className="inline checkbox">
          <input type="checkbox" checked={value.includes(o.id)} onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))} data-testid={testId?.(o.id)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
