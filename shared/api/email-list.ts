/**
 * The email addresses in text pasted from a list, a spreadsheet or an email's To line:
 * `a@x.org, b@y.org`, one per line, `Mary O'Neill <mary.o'neill@x.org>`, `mailto:a@x.org`.
 * Addresses are cut apart only at characters no unquoted address may contain (RFC 5322's
 * dot-atom form): white space, commas, semicolons, angle brackets, double quotes, brackets. An
 * apostrophe is part of an address (o'neill), so it never splits one. Every word with an @ in it
 * is a candidate; the caller checks each and refuses the list if any is not an address.
 */
export function emailsInText(text: string): string[] {
  const words = text.split(/[\s,;<>"()[\]]+/).filter((word) => word.includes('@'));
  const addresses = words.map((word) =>
    word
      .replace(/^mailto:/i, '')
      // A sentence's full stop after an address, or quotes around it: neither ends a domain.
      .replace(/\.+$/, '')
      .replace(/^'(.*)'$/, '$1')
      .toLowerCase(),
  );
  return [...new Set(addresses)];
}
