// Saving a text main built (a CSV report) as a file in the browser's downloads.
export function downloadText(filename: string, content: string, type = 'text/csv;charset=utf-8') {
  // A CSV from main starts with a BOM; the Blob stores the string as UTF-8, which Excel pt-BR expects.
  const url = URL.createObjectURL(new Blob([content], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
