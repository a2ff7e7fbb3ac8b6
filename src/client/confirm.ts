import { el } from './page.ts';

/**
 * Asks before a step that cannot be undone (pages/confirm.tsx `DangerButton`): its form's submit
 * opens a native <dialog> with the words the form carries; "Yes, …" sends the form with
 * `confirm=yes`, "Go back" closes the dialog and sends nothing. Without this script the server
 * asks instead, on a page of its own. Loaded as a module by every such button: it runs once.
 */

const dialog = el('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' });
let pending: HTMLFormElement | null = null;

function ask(form: HTMLFormElement) {
  pending = form;
  const yes = el('button', { type: 'button', class: 'danger' }, form.dataset.yes ?? '');
  const back = el('button', { type: 'button', class: 'secondary' }, form.dataset.back ?? '');
  yes.addEventListener('click', () => {
    dialog.close();
    if (!pending) return;
    const sure = el('input', { type: 'hidden', name: 'confirm', value: 'yes' });
    pending.append(sure);
    // submit() skips this listener: the form goes once, with its answer.
    pending.submit();
  });
  back.addEventListener('click', () => dialog.close());
  dialog.replaceChildren(
    el('h2', { id: 'confirm-title' }, form.dataset.confirm ?? ''),
    el('p', { class: 'warning' }, consequenceOf(form)),
    el('p', { class: 'dialog-buttons' }, back, ' ', yes),
  );
  if (!dialog.isConnected) document.body.append(dialog);
  dialog.showModal();
  // The safe answer has the focus: Enter on a stray tap goes back.
  back.focus();
}

/** The consequence, led by the live element's text as it stands now (a turnout still rising). */
function consequenceOf(form: HTMLFormElement): string {
  const live = form.dataset.liveFrom ? document.getElementById(form.dataset.liveFrom) : null;
  const now = live?.textContent?.trim();
  return [now, form.dataset.consequence ?? ''].filter(Boolean).join(' ');
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.confirm === undefined) return;
  if (typeof dialog.showModal !== 'function') return; // the server's page asks instead
  event.preventDefault();
  ask(form);
});
