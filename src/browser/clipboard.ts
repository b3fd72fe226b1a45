// Copying to the clipboard, with no other imports: the page scripts that load it eagerly stay small.

/** Puts text on the clipboard and says so on the button for a moment. */
export async function copyText(text: Promise<string> | string, button: HTMLButtonElement) {
  const label = button.textContent;
  try {
    // A ClipboardItem with a promise keeps the click's permission while the text is prepared.
    const blob = Promise.resolve(text).then((t) => new Blob([t], { type: 'text/plain' }));
    await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed: select and copy by hand';
  }
  setTimeout(() => (button.textContent = label), 1500);
}
