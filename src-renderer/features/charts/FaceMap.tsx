import { siteSlug, sites } from './sites';

/**
 * A face outline with one hotspot per common injection site. Each hotspot is a button (Tab, Enter/Space);
 * sites that already have a row are filled, with their units beside them.
 */
export function FaceMap({ unitsBySite, onPick, disabled }: { unitsBySite: Map<string, number>; onPick: (site: string) => void; disabled?: boolean }) {
  return (
    <svg className="face-map" viewBox="0 0 200 260" role="group" aria-label="Face map: pick an injection site" data-testid="face-map">
      <g className="face-outline" aria-hidden="true">
        <path d="M100 12 C52 12 26 52 26 110 C26 168 50 226 100 248 C150 226 174 168 174 110 C174 52 148 12 100 12 Z" />
        <path d="M54 92 Q66 86 80 92" />
        <path d="M120 92 Q134 86 146 92" />
        <ellipse cx="67" cy="104" rx="12" ry="5" />
        <ellipse cx="133" cy="104" rx="12" ry="5" />
        <path d="M100 104 L92 146 Q100 152 108 146" />
        <path d="M84 180 Q100 172 116 180 Q100 192 84 180 Z" />
        <path d="M26 118 Q18 120 20 134 Q22 146 30 146" />
        <path d="M174 118 Q182 120 180 134 Q178 146 170 146" />
      </g>
      <text x="10" y="254" className="face-side">Patient’s right</text>
      <text x="190" y="254" className="face-side" textAnchor="end">
        Patient’s left
      </text>
      {sites.map((s) => {
        const units = unitsBySite.get(s.name);
        const used = units !== undefined;
        const label = used ? `${s.name}: ${units} recorded, go to its row` : `${s.name}: add a row`;
        return (
          <g
            key={s.name}
            className={`face-site ${used ? 'face-site-used' : ''}`}
            role="button"
            tabIndex={disabled ? -1 : 0}
            aria-label={label}
            aria-disabled={disabled || undefined}
            data-testid={`face-site-${siteSlug(s.name)}`}
            onClick={() => !disabled && onPick(s.name)}
            onKeyDown={(e) => {
              if (disabled || (e.key !== 'Enter' && e.key !== ' ')) return;
              e.preventDefault();
              onPick(s.name);
            }}
          >
            <title>{s.name}</title>
            <circle cx={s.x} cy={s.y} r="7" />
            {used && units > 0 && (
              <text x={s.x} y={s.y + 3} textAnchor="middle" className="face-units">
                {units}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
