import { describe, expect, it } from 'vitest';
import { listedMeeting } from '@shared/programme/meeting-list';

const module = { title: 'Understanding referral thresholds', format: 'online-module' as const, registrationClosesAt: '2027-03-22T10:00:00.000Z' };
const discussion = { ...module, title: 'Referral pathways', format: 'facilitated-discussion' as const };
const startsAt = '2027-03-24T10:00:00.000Z';

describe('a meeting as the site page lists it', () => {
  it('names a tailored session by its title, and offers registering until registration closes', () => {
    expect(listedMeeting({ kind: 'tailored-support', status: 'scheduled', startsAt }, discussion, new Date('2027-03-21T10:00:00Z'))).toEqual({ name: 'Tailored support session: Referral pathways', status: 'scheduled', mayRegister: true });
    expect(listedMeeting({ kind: 'tailored-support', status: 'scheduled', startsAt }, discussion, new Date('2027-03-23T10:00:00Z')).mayRegister).toBe(false);
  });

  it('shows an online module as open once its day has come, not as scheduled with a link to register', () => {
    expect(listedMeeting({ kind: 'tailored-support', status: 'scheduled', startsAt }, module, new Date('2027-03-21T10:00:00Z')).status).toBe('scheduled');
    expect(listedMeeting({ kind: 'tailored-support', status: 'scheduled', startsAt }, module, new Date(startsAt))).toEqual({ name: 'Tailored support session: Understanding referral thresholds', status: 'open', mayRegister: false });
    expect(listedMeeting({ kind: 'tailored-support', status: 'scheduled', startsAt }, module, new Date('2027-09-01T10:00:00Z')).status).toBe('open');
  });

  it('leaves a meeting held in the room as it is: scheduled until it starts, and a cancelled module cancelled', () => {
    expect(listedMeeting({ kind: 'tailored-support', status: 'scheduled', startsAt }, discussion, new Date('2027-03-25T10:00:00Z')).status).toBe('scheduled');
    expect(listedMeeting({ kind: 'tailored-support', status: 'cancelled', startsAt }, module, new Date('2027-03-25T10:00:00Z'))).toEqual({ name: 'Tailored support session: Understanding referral thresholds', status: 'cancelled', mayRegister: false });
    expect(listedMeeting({ kind: 'review-3m', status: 'scheduled', startsAt }, null, new Date('2027-03-21T10:00:00Z'))).toEqual({ name: '3-month review meeting', status: 'scheduled', mayRegister: true });
  });
});
