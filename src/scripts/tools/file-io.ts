// Moving a tool's data in and out of the browser as files. Both directions stay on the device:
// downloads are built from an in-memory Blob and uploads are read with File.text().
import type { ToolsSharedWords } from '../../schemas/tools.ts';

/** Offers `text` to the user as a download called `fileName`. */
export function downloadFile(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers, so wait a moment.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Files bigger than this are not ours: exports are a few kilobytes. */
export const MAX_IMPORT_BYTES = 2_000_000;

export type ReadFileResult = { ok: true; text: string } | { ok: false; message: string };

export type FileWords = Pick<ToolsSharedWords, 'fileNone' | 'fileEmpty' | 'fileTooBig' | 'fileUnreadable'>;

export async function readTextFile(file: File | undefined | null, words: FileWords): Promise<ReadFileResult> {
  if (!file) return { ok: false, message: words.fileNone };
  if (file.size === 0) return { ok: false, message: words.fileEmpty };
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: words.fileTooBig };
  try {
    return { ok: true, text: await file.text() };
  } catch {
    return { ok: false, message: words.fileUnreadable };
  }
}

/** A file name from words a person typed: lower case, hyphens, nothing a file system dislikes. */
export function fileNameFrom(parts: string[], extension: string): string {
  const stem = parts
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${stem || 'export'}.${extension}`;
}
