import type { ReferralCard } from '../../../src-shared/contract/referrals';
import { pdfFileName, printToPdf } from '../../lib/print';
import { useCall } from '../../lib/hooks';
import { Async } from '../../lib/ui';
import './referrals.css';

/** Cards per A4 sheet: two columns of five (85.6 × 54 mm each). */
const CARDS_PER_SHEET = 10;

/** A sheet of one ambassador's referral cards, to print and cut. Route #/patients/:id/referral-card */
export function ReferralCardSheet({ patientId }: { patientId: number }) {
  const state = useCall('referrals.card', { patientId });
  return (
    <section className="page print-page" data-testid="referral-card-page">
      <div className="actions actions-split no-print">
        <a href={`#/patients/${patientId}`} className="crumb">
          ← Patient
        </a>
        <Async state={state}>
          {(card) => (
            <button type="button" className="btn btn-primary" autoFocus onClick={() => void printToPdf({ fileName: pdfFileName(`Referral cards ${card.code}`), landscape: false, pageSize: 'A4' })} data-testid="referral-card-print">
              Print cards
            </button>
          )}
        </Async>
      </div>
      <Async state={state} loadingLabel="Loading the card…">
        {(card) => (
          <div className="referral-sheet">
            {Array.from({ length: CARDS_PER_SHEET }, (_, i) => (
              <Card key={i} card={card} />
            ))}
          </div>
        )}
      </Async>
    </section>
  );
}

function Card({ card }: { card: ReferralCard }) {
  return (
    <article className="referral-card" data-testid="referral-card">
      <div className="referral-card-text">
        <p className="referral-card-clinic">{card.clinicName}</p>
        <p>
          {card.firstName} thinks you’ll love us. Bring this card or book with the code:
        </p>
        <p className="referral-card-code">{card.code}</p>
      </div>
      <img className="referral-card-qr" alt={`QR code: ${card.qrText}`} src={`data:image/svg+xml;utf8,${encodeURIComponent(card.qrSvg)}`} />
    </article>
  );
}
