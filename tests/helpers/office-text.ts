import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';

/** Every piece of text in a parsed XML tree, in document order. */
function textsOf(node: unknown, textKeys: ReadonlySet<string>, out: string[] = [], underText = false): string[] {
  if (typeof node === 'string' || typeof node === 'number') {
    if (underText) out.push(String(node));
  } else if (Array.isArray(node)) {
    for (const child of node) textsOf(child, textKeys, out, underText);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@_')) continue;
      textsOf(value, textKeys, out, underText || textKeys.has(key) || (key === '#text' && underText));
    }
  }
  return out;
}

const parser = new XMLParser({ ignoreAttributes: false, preserveOrder: true, trimValues: false });

/** The text of an ODT file (its content.xml), white space collapsed. */
export function odtText(bytes: Uint8Array): { mimetypeFirst: boolean; text: string } {
  const files = unzipSync(bytes);
  const names = Object.keys(files);
  const tree = parser.parse(strFromU8(files['content.xml']!));
  return { mimetypeFirst: names[0] === 'mimetype' && strFromU8(files.mimetype!) === 'application/vnd.oasis.opendocument.text', text: textsOf(tree, new Set(['text:p', 'text:h', 'text:span'])).join(' ').replace(/\s+/g, ' ') };
}

/** The text of a DOCX file (its word/document.xml runs), white space collapsed. */
export function docxText(bytes: Uint8Array): string {
  const files = unzipSync(bytes);
  const tree = parser.parse(strFromU8(files['word/document.xml']!));
  return textsOf(tree, new Set(['w:t'])).join(' ').replace(/\s+/g, ' ');
}
