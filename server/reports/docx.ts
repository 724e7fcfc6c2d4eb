import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { xmlCharacters, type RecordBlock } from '@shared/reports/record-outline';

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2 } as const;

/** The meeting record as a Word document (DOCX), with real headings so it can be navigated and edited. */
export function recordDocx(blocks: readonly RecordBlock[], title: string): Promise<Buffer> {
  const children = blocks.flatMap((block): Paragraph[] => {
    switch (block.kind) {
      case 'title':
        return [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlCharacters(block.text))] })];
      case 'heading':
        return [new Paragraph({ heading: headingLevels[block.level], children: [new TextRun(xmlCharacters(block.text))] })];
      case 'paragraph':
        return [new Paragraph({ children: [new TextRun(xmlCharacters(block.text))] })];
      case 'list':
        return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(xmlCharacters(item))] }));
    }
  });
  const document = new Document({ title, creator: 'Link Programme', styles: { default: { document: { run: { font: 'Arial', size: 24 } } } }, sections: [{ children }] });
  return Packer.toBuffer(document);
}
