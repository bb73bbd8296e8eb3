// Showing a refusal where it belongs: each field error beside its field (aria-invalid, described
// by the message), whatever does not name a field at the top of the form.
import { el } from './ui.js';

/** The error holder beside a control: <p id="{id}-error" class="field-error">, created if missing. */
function errorHolder(control) {
  const id = `${control.id}-error`;
  let holder = document.getElementById(id);
  if (!holder) {
    holder = el('p', { id, class: 'field-error' });
    const field = control.closest('.field');
    if (field?.classList.contains('inline')) field.append(holder); else control.after(holder);
  }
  const described = new Set((control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
  described.add(id);
  control.setAttribute('aria-describedby', [...described].join(' '));
  return holder;
}

export function clearErrors(form) {
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const holder of form.querySelectorAll('.field-error')) holder.textContent = '';
  const summary = form.querySelector('.form-problem');
  if (summary) summary.replaceChildren();
}

/** Bean Validation's terse messages, said in the form's words; anything else as the API put it. */
function inWords(control, message) {
  const label = (control.labels?.[0]?.textContent || control.name).replace(/\s*\(optional\)\s*$/, '').trim();
  if (/^must not be (null|blank|empty)$/.test(message)) {
    const noun = /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
    return control.tagName === 'SELECT' ? `Choose the ${noun}.` : `${label} is required.`;
  }
  if (message === 'wrong type or format') return `${label}: not a valid value.`;
  if (message.startsWith(`${control.name} `)) return `${label}${message.slice(control.name.length)}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * The enabled control (in the visible part of the form) named {@code name}, a field of a list as the API names it
 * ("seats[0].count" or "seats.0.count": the control named "seats.0.count"), else the one named as its first part.
 */
function controlFor(form, name) {
  const usable = (c) => !c.disabled && !c.closest('[hidden]');
  const exact = String(name).replace(/\[([^\]]*)\]/g, '.$1');
  const base = String(name).split(/[.[]/)[0];
  return [...form.querySelectorAll(`[name="${CSS.escape(exact)}"]`)].find(usable)
    || [...form.querySelectorAll(`[name="${CSS.escape(base)}"]`)].find(usable);
}

/**
 * Shows an ApiError on a form. Returns the first control that got an error (focused), or null.
 * @param fallbackField where an error about an unnamed or unknown field goes (e.g. 'type')
 */
export function showErrors(form, error, { fallbackField } = {}) {
  clearErrors(form);
  const unplaced = [];
  let first = null;
  for (const { field, message } of error.fieldErrors || []) {
    const control = controlFor(form, field) || (fallbackField && field === fallbackField ? controlFor(form, fallbackField) : null);
    if (!control) {
      unplaced.push(`${field}: ${message}`);
      continue;
    }
    control.setAttribute('aria-invalid', 'true');
    const holder = errorHolder(control);
    const words = inWords(control, message);
    holder.textContent = holder.textContent ? `${holder.textContent}; ${words}` : words;
    first = first || control;
  }
  const summary = form.querySelector('.form-problem');
  if (summary && (unplaced.length || !first)) {
    const detail = unplaced.length ? unplaced.join('; ') : (error.problem?.detail || error.message);
    const title = error.problem?.title && error.problem.title !== detail ? `${error.problem.title}: ` : '';
    summary.replaceChildren(el('div', { class: 'problem', role: 'alert' }, `${title}${detail}`));
  }
  if (first) first.focus();
  return first;
}
