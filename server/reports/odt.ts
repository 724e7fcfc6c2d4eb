import { strToU8, zipSync } from 'fflate';
import { xmlCharacters, type RecordBlock } from '@shared/reports/record-outline';

/**
 * The meeting record as an OpenDocument text file (ODT), for LibreOffice and anything else that
 * reads open formats. Written as the ODF package by hand (a zip with the mimetype first and
 * stored, a manifest, and content.xml) with fflate for the zip: the format needs little else.
 */
const escapeXml = (s: string) => xmlCharacters(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const namespaces =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"';

function body(blocks: readonly RecordBlock[]): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'title':
          return `<text:h text:style-name="Title" text:outline-level="1">${escapeXml(block.text)}</text:h>`;
        case 'heading':
          return `<text:h text:style-name="Heading_20_${block.level + 1}" text:outline-level="${block.level + 1}">${escapeXml(block.text)}</text:h>`;
        case 'paragraph':
          return `<text:p text:style-name="Standard">${escapeXml(block.text)}</text:p>`;
        case 'list':
          return `<text:list>${block.items.map((item) => `<text:list-item><text:p text:style-name="Standard">${escapeXml(item)}</text:p></text:list-item>`).join('')}</text:list>`;
      }
    })
    .join('\n');
}

const styles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${namespaces} office:version="1.3"><office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-family="Arial" fo:font-size="12pt"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="22pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.4cm"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="3"><style:paragraph-properties fo:margin-top="0.3cm"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
</office:styles></office:document-styles>`;

const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

export function recordOdt(blocks: readonly RecordBlock[], title: string): Buffer {
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${namespaces} office:version="1.3"><office:body><office:text>
${body(blocks)}
</office:text></office:body></office:document-content>`;
  const meta = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${namespaces} office:version="1.3"><office:meta><dc:title>${escapeXml(title)}</dc:title><meta:generator>Link Programme</meta:generator><dc:language>en-GB</dc:language></office:meta></office:document-meta>`;
  // The mimetype must come first and uncompressed, so tools recognise the file from its first bytes.
  const zipped = zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'META-INF/manifest.xml': strToU8(manifest),
    'content.xml': strToU8(content),
    'styles.xml': strToU8(styles),
    'meta.xml': strToU8(meta),
  });
  return Buffer.from(zipped);
}
