/**
 * One line numbering wherever a person reads: lines are numbered from 1, as in the order file. A
 * JSON path keeps its 0-based index (it is a path into the file's `lines` array) and is followed
 * by the line's number: `lines[1].external_id (line 2)`.
 */
const LINE_PATH = /\blines\[(\d+)\]((?:\.[A-Za-z_$][\w$]*|\[\d+\])*)/g;

export function withLineNumbers(text: string): string {
  return text.replace(
    LINE_PATH,
    (path: string, index: string) => `${path} (line ${Number(index) + 1})`,
  );
}
