export const wizardSteps = [
  { id: 'file', label: 'File' },
  { id: 'map', label: 'Map columns' },
  { id: 'options', label: 'Options' },
  { id: 'preview', label: 'Preview' },
  { id: 'dryRun', label: 'Dry run & import' },
  { id: 'report', label: 'Report' },
] as const;
export type WizardStep = (typeof wizardSteps)[number]['id'];

/**
 * The wizard's steps across the top: the current one marked, earlier ones buttons to go back to (`reachable` says
 * how far the person may jump; after an import only the report is left).
 */
export function WizardSteps({ current, reachable, onStep }: { current: WizardStep; reachable: (step: WizardStep) => boolean; onStep: (step: WizardStep) => void }) {
  return (
    <ol className="wizard-steps" aria-label="Import steps" data-testid="import-steps">
      {wizardSteps.map((s, i) => (
        <li key={s.id} aria-current={s.id === current ? 'step' : undefined}>
          <button type="button" disabled={s.id === current || !reachable(s.id)} onClick={() => onStep(s.id)} data-testid={`import-step-${s.id}`}>
            <span className="step-n">{i + 1}</span> {s.label}
          </button>
        </li>
      ))}
    </ol>
  );
}
