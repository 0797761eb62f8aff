import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF, read back with a real PDF text extractor (PDF.js via unpdf). */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { pages: totalPages, text };
}
