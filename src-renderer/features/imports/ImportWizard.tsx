import { useState } from 'react';
import type { FileSummary, Report } from '../../../src-shared/contract/imports';
import type { ImportChoices } from './choices';
import { useClinic } from '../../lib/store';
import { FileStep } from './FileStep';
import { MapStep } from './MapStep';
import { OptionsStep } from './OptionsStep';
import { PreviewStep } from './PreviewStep';
import { RunStep } from './RunStep';
import { ReportStep } from './ReportStep';
import { WizardSteps, wizardSteps, type WizardStep } from './WizardSteps';

/**
 * Data → Import: File → Map → Options → Preview → Dry run & import → Report. The choices live here, so going back a
 * step keeps them; a new file starts over. After the import only its report is left (undo is there).
 */
export function ImportWizard() {
  const { country } = useClinic();
  const [step, setStep] = useState<WizardStep>('file');
  const [choices, setChoices] = useState<ImportChoices | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const change = (patch: Partial<ImportChoices>) => setChoices((c) => (c ? { ...c, ...patch } : c));

  const startWith = (file: FileSummary) => {
    setReport(null);
    setChoices({ file, kind: 'patients', mapping: file.guesses.patients, options: { defaultCountry: country, sheet: file.sheet ?? undefined }, onMatch: 'keepApart', decisions: {} });
  };
  const order = wizardSteps.map((s) => s.id);
  const reachable = (target: WizardStep) => (report ? target === 'report' : target !== 'report' && !!choices && order.indexOf(target) <= order.indexOf(step) + 1);
  const next = () => setStep(order[order.indexOf(step) + 1]);

  return (
    <div className="stack-page" data-testid="import-wizard">
      <WizardSteps current={step} reachable={reachable} onStep={setStep} />
      {step === 'file' && <FileStep file={choices?.file ?? null} onFile={startWith} onNext={next} />}
      {choices && step === 'map' && <MapStep choices={choices} onChange={change} onNext={next} />}
      {choices && step === 'options' && <OptionsStep choices={choices} onChange={change} onNext={next} />}
      {choices && step === 'preview' && <PreviewStep choices={choices} onChange={change} onNext={next} />}
      {choices && step === 'dryRun' && (
        <RunStep
          choices={choices}
          onImported={(r) => {
            setReport(r);
            setStep('report');
          }}
        />
      )}
      {report && choices && step === 'report' && (
        <ReportStep
          report={report}
          fileName={choices.file.fileName}
          onAnother={() => {
            setChoices(null);
            setReport(null);
            setStep('file');
          }}
        />
      )}
    </div>
  );
}
