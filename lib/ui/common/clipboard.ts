/**
 * Puts rich text on the clipboard: `navigator.clipboard.write` with both
 * `text/plain` and `text/html`, and where that is refused (an extension frame
 * inside a web page may lack the `clipboard-write` permission policy) the
 * older `copy` command, which needs only the user's click.
 */

/** Copies `plain` and `html`; call from a click handler. @throws Error when the browser allows neither way. */
export async function copyRich(doc: Document, plain: string, html: string): Promise<void> {
  const win = doc.defaultView;
  const clipboard = win?.navigator.clipboard;
  if (clipboard && typeof win.ClipboardItem === 'function') {
    try {
      await clipboard.write([
        new win.ClipboardItem({
          'text/plain': new Blob([plain], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ]);
      return;
    } catch {
      // Refused: try the copy command below.
    }
  }
  let copied = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', plain);
    event.clipboardData.setData('text/html', html);
    event.preventDefault();
    copied = true;
  };
  doc.addEventListener('copy', onCopy);
  try {
    doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
  if (!copied) throw new Error('the browser did not allow copying here; select the text and copy it instead');
}
