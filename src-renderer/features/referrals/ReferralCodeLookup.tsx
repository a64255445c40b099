import { useState } from 'react';
import { ReferralCodeInput } from '../../../src-shared/contract/referrals';
import { client, errorMessage } from '../../lib/client';
import { useAction } from '../../lib/hooks';
import './referrals.css';

/**
 * "Or their card's code": finds the ambassador a typed referral code names and hands them to the patient form, which
 * saves them as referrer. Inside another form, so Enter looks the code up instead of submitting the patient.
 */
export function ReferralCodeLookup({ onFound }: { onFound: (referrer: { id: number; label: string }) => void }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const lookup = useAction();
  const find = () =>
    lookup.run(async () => {
      const parsed = ReferralCodeInput.safeParse({ code });
      if (!parsed.success) return setProblem(parsed.error.issues[0]?.message);
      try {
        const { referrer } = await client.call('referrals.lookupCode', parsed.data);
        setProblem(undefined);
        onFound({ id: referrer.id, label: `${referrer.name} (${referrer.number})` });
      } catch (error) {
        setProblem(errorMessage(error));
      }
    });
  return (
    <div className="inline-fields">
      <input
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void find();
          }
        }}
        placeholder="or the referral code, e.g. ANNA-7K3Q"
        aria-label="Referral code"
        aria-invalid={problem ? true : undefined}
        autoComplete="off"
        data-testid="patient-referral-code"
      />
      <button type="button" className="btn btn-small" onClick={() => void find()} disabled={lookup.busy || !code.trim()} data-testid="patient-referral-code-use">
        Use code
      </button>
      {problem && (
        <span className="field-error" role="alert" data-testid="patient-referral-code-error">
          {problem}
        </span>
      )}
    </div>
  );
}
