/**
 * Copy buttons: a `button.copy` copies the text of the element its `data-copy` names, and says
 * "Copied" for a moment. One listener on the document serves buttons that scripts add later.
 */
export function enableCopyButtons(): void {
  document.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button.copy');
    if (!button) return;
    const text = document.getElementById(button.dataset.copy!)?.textContent ?? '';
    void navigator.clipboard.writeText(text).then(
      () => {
        const label = button.textContent;
        button.textContent = 'Copied';
        setTimeout(() => (button.textContent = label), 1500);
      },
      () => undefined,
    );
  });
}
