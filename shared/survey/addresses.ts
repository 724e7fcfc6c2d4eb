/**
 * Email addresses as the personal-link checks see them. Most providers deliver `name+anything@`
 * and `Name@` to `name@`, and Gmail ignores dots too, so a lead could otherwise send "schools'"
 * links to aliases of their own address and answer in their name. Every check compares the
 * canonical form, never the text as typed.
 */

/** Providers where anyone can open an address in minutes: a school's address there is flagged. */
const freeMailDomains: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'live.co.uk', 'msn.com',
  'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aol.co.uk',
  'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.co.uk', 'mail.com', 'yandex.com', 'zoho.com',
  'fastmail.com', 'tutanota.com', 'btinternet.com', 'sky.com', 'virginmedia.com', 'talktalk.net',
]);

/** Providers that ignore dots in the local part. */
const dotBlindDomains: ReadonlySet<string> = new Set(['gmail.com']);
/** Other names for one provider's mailboxes. */
const sameMailboxesAs: Readonly<Record<string, string>> = { 'googlemail.com': 'gmail.com' };

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).trim().toLowerCase();

/**
 * The mailbox an address is delivered to: lower case, the sub-address after `+` dropped,
 * the provider's alias domain replaced, and dots dropped where the provider ignores them.
 */
export function canonicalAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 1) return trimmed;
  const domain = sameMailboxesAs[trimmed.slice(at + 1)] ?? trimmed.slice(at + 1);
  let local = trimmed.slice(0, at);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (dotBlindDomains.has(domain)) local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/** Why a second person should look twice at an address before its link goes out. */
export type AddressFlag = 'free-mail' | 'members-organisation';
export const addressFlagText: Record<AddressFlag, string> = {
  'free-mail': 'A free email provider: anyone, including someone on the site, can open an address there',
  'members-organisation': 'At the organisation of someone on the site, not a school’s or college’s own',
};

/** The flags on one address, given the addresses of the site's members. */
export function flagsFor(address: string, memberAddresses: readonly string[]): AddressFlag[] {
  const domain = domainOf(canonicalAddress(address));
  const flags: AddressFlag[] = [];
  if (freeMailDomains.has(domain) || freeMailDomains.has(domainOf(address))) flags.push('free-mail');
  else if (memberAddresses.some((member) => domainOf(canonicalAddress(member)) === domain)) flags.push('members-organisation');
  return flags;
}

/**
 * Addresses in a list that are the same mailbox written differently (`Head@oak` and
 * `head+2@oak`): as canonical form → the forms given. Exact repeats are not counted.
 */
export function aliasesWithin(addresses: readonly string[]): Map<string, string[]> {
  const byMailbox = new Map<string, Set<string>>();
  for (const address of addresses) {
    const forms = byMailbox.get(canonicalAddress(address)) ?? new Set<string>();
    forms.add(address.trim().toLowerCase());
    byMailbox.set(canonicalAddress(address), forms);
  }
  return new Map([...byMailbox].filter(([, forms]) => forms.size > 1).map(([mailbox, forms]) => [mailbox, [...forms]]));
}
