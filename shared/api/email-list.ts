/**
 * The email addresses in text pasted from a list, a spreadsheet or an email's To line:
 * `a@x.org, b@y.org`, one per line, `Mary O'Neill <mary.o'neill@x.org>`, `mailto:a@x.org`,
 * `Send it to 'mary@x.org'.`
 * Addresses are cut apart only at characters no unquoted address may contain (RFC 5322's
 * dot-atom form): white space, commas, semicolons, angle brackets, double quotes, brackets. An
 * apostrophe is part of an address (o'neill), so it never splits one. Every word with an @ in it
 * is a candidate; the caller checks each and refuses the list if any is not an address.
 */
export function emailsInText(text: string): string[] {
  const words = text.split(/[\s,;<>"()[\]]+/).map(unlinked).filter((word) => word.includes('@'));
  return [...new Set(words.map(addressIn))];
}

/** A mail link's address: it may carry %-escapes (mary.o%27neill, even %40) and a ?subject=… after it. */
function unlinked(word: string): string {
  const link = /^mailto:([^?]*)/i.exec(word);
  return link ? safelyDecoded(link[1]!) : word;
}

/** One pasted word as the address it names. */
function addressIn(word: string): string {
  return (
    word
      // A sentence's full stop after an address, and quotes around it, are not part of it: an
      // address may hold an apostrophe, but pasted text uses one at either end as a quote.
      .replace(/\.+$/, '')
      .replace(/^'+/, '')
      .replace(/'+$/, '')
      .replace(/\.+$/, '')
      .toLowerCase()
  );
}

function safelyDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
