/**
 * Copy buttons: a `button.copy` copies the text of the element its `data-copy` names, with
 * copyText's "Copied" (or failure) message. One listener on the document serves buttons that
 * scripts add later.
 */
import { copyText } from './clipboard';

export function enableCopyButtons(): void {
  document.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button.copy');
    if (!button) return;
    void copyText(document.getElementById(button.dataset.copy!)?.textContent ?? '', button);
  });
}
