import { z } from 'zod';

/** The sectors the guide asks to be represented at a consultation meeting. */
export const Sector = z.enum(
  [
    'local-authority',
    'icb',
    'cypmhs',
    'public-health',
    'educational-psychology',
    'childrens-services',
    'voluntary-sector',
    'education',
    'other',
  ],
  { error: 'Choose the sector you work in' },
);
export type Sector = z.infer<typeof Sector>;

export const sectorLabels: Record<Sector, string> = {
  'local-authority': 'Local authority',
  // Integrated care boards took over from clinical commissioning groups in July 2022; the stored
  // value 'icb' is unchanged, so every record made before reads with today's name.
  icb: 'Integrated care board (ICB)',
  cypmhs: 'Children and young people’s mental health services (CYPMHS)',
  'public-health': 'Public health',
  'educational-psychology': 'Educational psychology',
  'childrens-services': 'Children’s services',
  'voluntary-sector': 'Voluntary sector',
  education: 'Education (school, college, trust or local authority education team)',
  other: 'Other',
};

export const OrganisationName = z
  .string({ error: 'Enter the name of your organisation' })
  .trim()
  .min(2, 'Enter the name of your organisation')
  .max(120, 'Organisation name must be 120 characters or fewer');

/** A stored sector as people read it; an unknown value (from an older version) as it was stored. */
export const sectorLabel = (sector: string): string => (Sector.safeParse(sector).success ? sectorLabels[sector as Sector] : sector);
