/**
 * Common injection sites with their hotspot on the face map (viewBox 0 0 200 260, the patient facing the viewer,
 * so the patient's left is on the viewer's right).
 */
export interface Site {
  name: string;
  x: number;
  y: number;
}

export const sites: readonly Site[] = [
  { name: 'Frontalis', x: 100, y: 48 },
  { name: 'Glabella', x: 100, y: 84 },
  { name: 'Brow R', x: 66, y: 78 },
  { name: 'Brow L', x: 134, y: 78 },
  { name: 'Lateral canthus R', x: 42, y: 102 },
  { name: 'Lateral canthus L', x: 158, y: 102 },
  { name: 'Tear trough R', x: 70, y: 118 },
  { name: 'Tear trough L', x: 130, y: 118 },
  { name: 'Nose', x: 100, y: 132 },
  { name: 'Cheek R', x: 52, y: 138 },
  { name: 'Cheek L', x: 148, y: 138 },
  { name: 'Nasolabial R', x: 78, y: 160 },
  { name: 'Nasolabial L', x: 122, y: 160 },
  { name: 'Masseter R', x: 36, y: 178 },
  { name: 'Masseter L', x: 164, y: 178 },
  { name: 'Lips', x: 100, y: 180 },
  { name: 'Marionette R', x: 78, y: 198 },
  { name: 'Marionette L', x: 122, y: 198 },
  { name: 'Jawline R', x: 54, y: 212 },
  { name: 'Jawline L', x: 146, y: 212 },
  { name: 'Chin', x: 100, y: 226 },
];

export const siteNames = sites.map((s) => s.name);

/** "Lateral canthus L" → "lateral-canthus-l", for test ids. */
export const siteSlug = (name: string): string => name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
