/**
 * A row of ticks choosing ids from a list (providers, rooms, weekdays), for a form field holding the ticked ids.
 * Controlled (use it through a Controller): a group of one tick would otherwise be read as a single checkbox.
 */
export function IdChecks({ options, value, onChange, testId }: { options: { id: number; label: string }[]; value: number[]; onChange: (ids: number[]) => void; testId?: (id: number) => string }) {
  return (
    <div className="tag-list">
      {options.map((o) => (
        <label key={o.id} className="inline checkbox">
          <input type="checkbox" checked={value.includes(o.id)} onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))} data-testid={testId?.(o.id)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
