import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Email } from '@shared/api/auth';
import { CreateInvitationsBody } from '@shared/api/sites';
import { emailsInText } from '@shared/api/email-list';

/**
 * An address in RFC 5322's dot-atom form: any atext in the local part, a host name for the
 * domain. The apostrophe only inside the local part, not at its start or end: pasted text uses
 * one there as a quote ('mary@x.org'), and the list reads it as one.
 */
const atext = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&\'*+/=?^_`{|}~-');
const atom = fc.array(atext, { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
const localPart = fc.array(atom, { minLength: 1, maxLength: 3 }).map((atoms) => atoms.join('.')).filter((local) => !local.startsWith("'") && !local.endsWith("'"));
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const address = fc
  .tuple(localPart, fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('org', 'uk', 'com', 'nhs.uk', 'sch.uk'))
  .map(([local, domain, tld]) => `${local}@${[...domain, tld].join('.')}`);

/** The ways people paste addresses: bare, with a name, as a mail link, in a sentence, in a spreadsheet cell. */
const pasted = fc.constantFrom(
  (a: string) => a,
  (a: string) => `"O'Neill, Mary" <${a}>`,
  (a: string) => `Mary O'Neill <${a}>`,
  // A mail link escapes what a URI may not hold (RFC 6068), as mail programs write it.
  (a: string) => `mailto:${encodeURIComponent(a).replace(/%40/, '@')}`,
  (a: string) => `MAILTO:${encodeURIComponent(a)}`,
  (a: string) => `(${a})`,
  (a: string) => `please invite ${a}.`,
  (a: string) => `'${a}'`,
  (a: string) => `send it to '${a}.`,
  (a: string) => `mailto:${encodeURIComponent(a)}?subject=Invitation`,
);
const separator = fc.constantFrom(', ', '; ', '\n', '\r\n', '\t', ' ', ',');

describe('addresses in a pasted list', () => {
  it('every address RFC 5322 allows comes out unchanged (but for letter case), however it was pasted', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(address, pasted), { minLength: 1, maxLength: 10 }), separator, (entries, between) => {
        const text = entries.map(([a, wrap]) => wrap(a)).join(between);
        const expected = [...new Set(entries.map(([a]) => a.toLowerCase()))];
        expect(emailsInText(text)).toEqual(expected);
        // And the form's schema takes the whole list, so nobody is left out or refused.
        if (expected.length <= 50) expect(CreateInvitationsBody.parse({ emails: text, role: 'stakeholder' }).emails).toEqual(expected);
      }),
    );
  });

  it("keeps an apostrophe: mary.o'neill is invited, not a stranger called neill", () => {
    expect(emailsInText("mary.o'neill@school.sch.uk, tom@school.sch.uk")).toEqual(["mary.o'neill@school.sch.uk", 'tom@school.sch.uk']);
    expect(emailsInText("Send it to 'mary@x.org. And mailto:mary.o%27neill@x.org")).toEqual(['mary@x.org', "mary.o'neill@x.org"]);
  });

  it('still refuses a list with a word that has an @ but is not an address, naming it', () => {
    const parsed = CreateInvitationsBody.safeParse({ emails: 'a@school.sch.uk, b@@nowhere', role: 'stakeholder' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe('These are not email addresses: b@@nowhere');
    expect(Email.safeParse('not an address').success).toBe(false);
  });
});
