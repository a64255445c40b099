import type { ClinicalInput } from '../../src-shared/contract/clinical';

/** Clinical facts an aesthetic intake form collects; shapes match src-shared/contract/clinical.ts. */

export const allergies: readonly ClinicalInput['allergies'][number][] = [
  { substance: 'Penicillin', reaction: 'Hives', severity: 'moderate' },
  { substance: 'Sulfa drugs', reaction: 'Rash', severity: 'mild' },
  { substance: 'Lidocaine', reaction: 'Facial swelling', severity: 'severe' },
  { substance: 'Latex', reaction: 'Contact dermatitis', severity: 'moderate' },
  { substance: 'Bee stings', reaction: 'Throat swelling', severity: 'anaphylaxis' },
  { substance: 'Peanuts', reaction: 'Anaphylaxis', severity: 'anaphylaxis' },
  { substance: 'Shellfish', reaction: 'Hives', severity: 'moderate' },
  { substance: 'Codeine', reaction: 'Nausea', severity: 'mild' },
  { substance: 'Aspirin', reaction: 'Wheezing', severity: 'moderate' },
  { substance: 'Adhesive tape', reaction: 'Redness', severity: 'mild' },
  { substance: 'Benzocaine', reaction: 'Swelling', severity: 'moderate' },
  { substance: 'Nickel', reaction: 'Itching', severity: 'mild' },
  { substance: 'Hyaluronidase', reaction: 'Local swelling', severity: 'moderate' },
];

export const medications: readonly ClinicalInput['medications'][number][] = [
  { name: 'Levothyroxine', dose: '50 mcg daily' },
  { name: 'Lisinopril', dose: '10 mg daily' },
  { name: 'Sertraline', dose: '50 mg daily' },
  { name: 'Oral contraceptive', dose: 'daily' },
  { name: 'Aspirin', dose: '81 mg daily' },
  { name: 'Atorvastatin', dose: '20 mg daily' },
  { name: 'Metformin', dose: '500 mg twice daily' },
  { name: 'Spironolactone', dose: '50 mg daily' },
  { name: 'Tretinoin cream', dose: '0.05% nightly' },
  { name: 'Fish oil', dose: '1 g daily' },
  { name: 'Vitamin D', dose: '2000 IU daily' },
  { name: 'Semaglutide', dose: '1 mg weekly' },
];

export const contraindications: readonly string[] = [
  'Pregnancy',
  'Breastfeeding',
  'Anticoagulant therapy',
  'Isotretinoin within the last 6 months',
  'History of keloid scarring',
  'Autoimmune disorder',
  'History of cold sores (HSV)',
  'Active skin infection at treatment site',
  'Recent sun exposure / tan',
];

export const medicalHistories: readonly string[] = [
  '',
  'No significant medical history.',
  'Hypothyroidism, well controlled.',
  'Mild hypertension.',
  'Seasonal allergies.',
  'Migraines.',
  'Rosacea, diagnosed 2019.',
  'Melasma on cheeks.',
  'Polycystic ovary syndrome.',
  'Previous filler in lips (2022, elsewhere).',
  'Type 2 diabetes, diet and metformin.',
];

export const expectationsNotes: readonly string[] = [
  '',
  'Wants a natural, rested look.',
  'Concerned about forehead lines before a wedding.',
  'Realistic goals; understands maintenance schedule.',
  'Asked about volume loss in cheeks.',
  'Prefers gradual changes over several sessions.',
];
