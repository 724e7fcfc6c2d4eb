import { describe, expect, it } from 'vitest';
import { Sector, sectorLabel, sectorLabels } from '@shared/organisations';

describe('sector names', () => {
  it('names integrated care boards as today, for records stored before the name changed too', () => {
    // Records keep the value 'icb'; clinical commissioning groups ended in July 2022.
    expect(Sector.parse('icb')).toBe('icb');
    expect(sectorLabel('icb')).toBe('Integrated care board (ICB)');
    expect(Object.values(sectorLabels).join(' ')).not.toMatch(/clinical commissioning|CCG/);
  });

  it('writes apostrophes curly, as the rest of the tool does', () => {
    expect(sectorLabel('cypmhs')).toBe('Children and young people’s mental health services (CYPMHS)');
    expect(Object.values(sectorLabels).filter((label) => label.includes("'"))).toEqual([]);
  });
});
